import Foundation
import ServiceLifecycle

/// Tells every open page what happened: a new site is in place (`reload`), a
/// build has problems (`problem`, also sent to pages that connect later), or
/// they are fixed (`clear`). Closes all streams when the server shuts down.
public final class ReloadHub: Service, @unchecked Sendable {
    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<String>.Continuation] = [:]
    private var problem: String? = nil
    private var closed = false

    public init() {}

    /// A stream of SSE-formatted events for one page.
    public func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = UUID()
        lock.lock()
        if closed { lock.unlock(); continuation.finish(); return stream }
        clients[id] = continuation
        let current = problem
        lock.unlock()
        continuation.yield(": connected\n\n")
        if let current { continuation.yield(Self.event("problem", current)) }
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            self.lock.lock(); self.clients[id] = nil; self.lock.unlock()
        }
        return stream
    }

    public var clientCount: Int { lock.lock(); defer { lock.unlock() }; return clients.count }

    /// A new site is in place; `problems` lists what its build reported (bad articles), if anything.
    public func siteReplaced(problems: BuildProblem?) {
        lock.lock()
        problem = problems.map(\.json)
        lock.unlock()
        send(Self.event("reload", "{}"))
    }

    /// The build failed; the last good site stays.
    public func buildFailed(_ problem: BuildProblem) {
        lock.lock(); self.problem = problem.json; lock.unlock()
        send(Self.event("problem", problem.json))
    }

    private func send(_ event: String) {
        lock.lock(); let targets = Array(clients.values); lock.unlock()
        for c in targets { c.yield(event) }
    }

    static func event(_ name: String, _ data: String) -> String { "event: \(name)\ndata: \(data)\n\n" }

    /// Service: waits for shutdown, then ends every stream so the server can stop.
    public func run() async throws {
        try? await gracefulShutdown()
        closeAll()
    }

    /// Ends every stream; later subscribers get an ended stream.
    public func closeAll() {
        let all: [AsyncStream<String>.Continuation] = lock.withLock {
            closed = true
            defer { clients = [:] }
            return Array(clients.values)
        }
        for c in all { c.finish() }
    }
}

/// What the overlay shows.
public struct BuildProblem: Sendable, Encodable {
    public let title: String
    public let lines: [String]
    public init(title: String, lines: [String]) { self.title = title; self.lines = lines }

    var json: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
