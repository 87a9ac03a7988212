// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "duban",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "duban", targets: ["duban"]),
        .library(name: "DubanCore", targets: ["DubanCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "DubanYAML", dependencies: ["CLibYAML"], swiftSettings: strict),
        .target(name: "DubanCore", dependencies: ["DubanYAML"], swiftSettings: strict),
        .target(name: "DubanReporters", dependencies: ["DubanCore"], swiftSettings: strict),
        .executableTarget(
            name: "duban",
            dependencies: [
                "DubanCore", "DubanReporters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // libFuzzer targets (docs/fuzzing.md): the code is inside `#if FUZZING`; `make fuzz` builds it.
        .systemLibrary(name: "CLibFuzzer"),
        .executableTarget(name: "DubanFuzz", dependencies: ["CLibFuzzer", "DubanCore", "DubanYAML"], swiftSettings: strict),
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "DubanYAMLTests", dependencies: ["DubanYAML", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "DubanCoreTests", dependencies: ["DubanCore", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "DubanLedgerTests", dependencies: ["DubanCore", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "DubanReportersTests", dependencies: ["DubanReporters", "TestSupport"], exclude: ["Golden"], swiftSettings: strict),
        .testTarget(name: "DubanCLITests", dependencies: ["duban", "TestSupport"], exclude: ["BadInput"], swiftSettings: strict),
        .testTarget(name: "RulesDataTests", dependencies: ["DubanCore", "TestSupport"], swiftSettings: strict),
    ]
)
