import ArgumentParser
import ConcordCore

@main
enum Main {
    static func main() async {
        Memory.padHeaps()   // before any thread allocates: see its comment
        await Concord.main()
    }
}

struct Concord: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concord",
        abstract: "Build a browsable static site from a folder of news articles, with quotes and shared passages annotated.",
        version: ConcordVersion.description,
        subcommands: [BuildCommand.self, ServeCommand.self, AddCommand.self, InitCommand.self, GenerateCommand.self, EvaluateCommand.self],
        defaultSubcommand: nil)
}
