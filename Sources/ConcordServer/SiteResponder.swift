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
        case .file(let url) where !StaticSite.contentType(for: url).hasPrefix("text/html"):
            return try await stream(url, range: request.headers[.range], head: request.method == .head, context: context)
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

    /// A file that is not a page (an image, a video an article links to), read from disk in
    /// pieces as it is sent, never whole into memory; a `Range` request (a browser seeking in a
    /// video) is answered with that part (`206`), or `416` when the file has no such bytes.
    private func stream(_ url: URL, range: String?, head: Bool, context: Context) async throws -> Response {
        var st = stat()
        guard stat(url.path, &st) == 0 else {
            return body(Data("Not found\n".utf8), type: "text/plain; charset=utf-8", status: .notFound, head: head)
        }
        let size = Int(st.st_size)
        var headers: HTTPFields = [.contentType: StaticSite.contentType(for: url), .cacheControl: "no-store", .acceptRanges: "bytes"]
        var status = HTTPResponse.Status.ok
        var bytes: ClosedRange<Int>? = size > 0 ? 0...(size - 1) : nil
        if let range {
            switch ByteRange.parse(range, size: size) {
            case .whole: break
            case .part(let part):
                status = .partialContent
                bytes = part
                headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound)/\(size)"
            case .unsatisfiable:
                return Response(status: .rangeNotSatisfiable, headers: [.contentRange: "bytes */\(size)", .contentLength: "0", .cacheControl: "no-store"])
            }
        }
        headers[.contentLength] = String(bytes?.count ?? 0)
        guard !head, let bytes else { return Response(status: status, headers: headers, body: ResponseBody()) }
        let body = try await FileIO().loadFile(path: url.path, range: bytes, context: context)
        return Response(status: status, headers: headers, body: body)
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
