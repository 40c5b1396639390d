import Foundation
import Hummingbird

/// Answers every request: static files of the output folder (HTML with the
/// reload script injected), the reload script, and the event stream.
struct SiteResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let site: StaticSite
    let hub: ReloadHub

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        let path = request.uri.path
        if path == LiveReload.eventsPath { return events() }
        if path == LiveReload.scriptPath {
            return body(Data(LiveReload.script.utf8), type: "text/javascript; charset=utf-8", status: .ok, head: request.method == .head)
        }
        switch site.resolve(path) {
        case .file(let url):
            return serve(url, status: .ok, head: request.method == .head)
        case .redirect(let location):
            let query = request.uri.query.map { "?" + $0 } ?? ""
            return Response(status: .movedPermanently, headers: [.location: location + query, .cacheControl: "no-store"])
        case .notFound:
            if let page = site.notFoundPage { return serve(page, status: .notFound, head: request.method == .head) }
            return body(Data("Not found\n".utf8), type: "text/plain; charset=utf-8", status: .notFound, head: request.method == .head)
        }
    }

    private func serve(_ url: URL, status: HTTPResponse.Status, head: Bool) -> Response {
        guard var data = FileManager.default.contents(atPath: url.path) else {
            return body(Data("Not found\n".utf8), type: "text/plain; charset=utf-8", status: .notFound, head: head)
        }
        let type = StaticSite.contentType(for: url)
        if type.hasPrefix("text/html") {
            data = Data(LiveReload.inject(into: String(decoding: data, as: UTF8.self)).utf8)
        }
        return body(data, type: type, status: status, head: head)
    }

    private func body(_ data: Data, type: String, status: HTTPResponse.Status, head: Bool) -> Response {
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-store"]
        headers[.contentLength] = String(data.count)
        return Response(status: status, headers: headers,
                        body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func events() -> Response {
        let stream = hub.subscribe()
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
            body: ResponseBody { writer in
                for await event in stream { try await writer.write(ByteBuffer(string: event)) }
                try await writer.finish(nil)
            })
    }
}
