// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Concord",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "concord", targets: ["concord"]),
        .library(name: "ConcordCore", targets: ["ConcordCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        // The system cmark library (Debian: libcmark-dev), reached through pkg-config.
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // The pipeline: parse → annotate → render → write. No server code here.
        .target(
            name: "ConcordCore",
            dependencies: [
                "Ccmark",
                "CPrefetch",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ],
            // The built-in templates (`BuiltInTemplates`): the repository's templates/, compiled
            // in byte for byte. `Render/Templates` is a link to it (resources must lie in the target).
            resources: [.embedInCode("Render/Templates")]
        ),
        // The preview server (`concord serve`): Hummingbird, inotify, live reload.
        .target(
            name: "ConcordServer",
            dependencies: [
                "ConcordCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A helper that holds a finished command's memory, so that its exit does not wait for
        // the kernel to free it (`concord_hold_memory_past_exit`).
        .target(name: "CExitHelper"),
        // `__builtin_prefetch` for the passes that visit 100,000 records in an order their
        // memory is not in (`Prefetch`).
        .target(name: "CPrefetch"),
        .executableTarget(
            name: "concord",
            dependencies: [
                "CExitHelper",
                "ConcordCore",
                "ConcordServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ConcordCoreTests",
            dependencies: ["ConcordCore", "CExitHelper"]
        ),
        .testTarget(
            name: "ConcordServerTests",
            dependencies: ["ConcordServer", "ConcordCore"]
        ),
    ]
)
