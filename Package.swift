// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "relgraph",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "relgraph", targets: ["RelGraphCLI"]),
        // `relgraph serve` hands over to it (see RelGraphServe/main.swift).
        .executable(name: "relgraph-serve", targets: ["RelGraphServe"]),
        .library(name: "RelGraph", targets: ["RelGraph"]),
        .library(name: "RelGraphDrawing", targets: ["RelGraphDrawing"]),
        .library(name: "RelGraphviz", targets: ["RelGraphviz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // `swift package generate-documentation` (the DocC catalogs in Sources/*/*.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // `relgraph serve`'s HTTP server: no dependencies of its own (no swift-nio).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // Graphviz's C API (cgraph + gvc) from the system: Debian's libgraphviz-dev.
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"]), .yum(["graphviz-devel"]), .brew(["graphviz"])]
        ),
        // libxml2 from the system (Debian's libxml2-dev, which the Swift toolchain
        // needs for FoundationXML anyway): the XML check of every SVG written.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // libyaml from the system (Debian's libyaml-dev): the YAML reader's event
        // parser (Yams' own copy of libyaml is an internal target of Yams).
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .yum(["libyaml-devel"]), .brew(["libyaml"])]
        ),
        // Core: model, loading, validation, views, diff, styles. No Graphviz here.
        .target(
            name: "RelGraph",
            dependencies: ["CLibYAML", .product(name: "Yams", package: "Yams")]
        ),
        // The drawing, in pure Swift: the DOT graph of a diagram, engine choice, the
        // SVG post-processing and reading, canonical DOT, readability measures.
        // No Graphviz here: tested without it (Tests/RelGraphDrawingTests).
        .target(
            name: "RelGraphDrawing",
            dependencies: ["RelGraph", "CLibXML2"]
        ),
        // The only code that touches Graphviz's C API: a thin binding (graph value
        // to cgraph and back, layout, render, the plugins, the one lock) and the
        // page fit, timeline and atlas that need layouts.
        .target(
            name: "RelGraphviz",
            dependencies: ["RelGraph", "RelGraphDrawing", "CGraphviz", "CLibXML2"],
            exclude: ["Graphviz/KNOWN_CRASH_PATHS.md", "Plugins/README.md"]
        ),
        // The command line, thin: every command (argument handling and printing).
        .target(
            name: "RelGraphCommands",
            dependencies: ["RelGraph", "RelGraphDrawing", "RelGraphviz", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // `relgraph`: the command line.
        .executableTarget(name: "RelGraphCLI", dependencies: ["RelGraphCommands"]),
        // `relgraph-serve`: the command line plus `serve`'s HTTP server (FlyingFox),
        // which `relgraph serve` hands over to. Apart, because FlyingFox links
        // FoundationNetworking and libcurl, whose loading would slow every start of
        // `relgraph` by about 6 ms; the libraries stay free of a server dependency.
        .executableTarget(
            name: "RelGraphServe",
            dependencies: [
                "RelGraphCommands",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        // libFuzzer targets (scripts/fuzz/run.sh builds them with -D RELGRAPH_FUZZ and
        // -sanitize=fuzzer,address); in a normal build they are small replay tools.
        .executableTarget(name: "FuzzLoad", dependencies: ["RelGraph"]),
        .executableTarget(name: "FuzzDOT", dependencies: ["RelGraphDrawing", "RelGraphviz"]),
        // What every test target shares: where things are, running a program (Tests/RelGraphTestSupport).
        .target(name: "RelGraphTestSupport", dependencies: ["RelGraph", "RelGraphDrawing"], path: "Tests/RelGraphTestSupport"),
        .testTarget(name: "RelGraphTests", dependencies: ["RelGraph", "RelGraphTestSupport"]),
        // The drawing without Graphviz: this target does not link it.
        .testTarget(name: "RelGraphDrawingTests", dependencies: ["RelGraph", "RelGraphDrawing", "RelGraphTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "RelGraphvizTests",
            dependencies: ["RelGraph", "RelGraphDrawing", "RelGraphviz", "CGraphviz", "RelGraphTestSupport", .product(name: "Yams", package: "Yams")],
            exclude: ["Golden", "Fixtures"]  // golden outputs and fixtures, read by path from the tests
        ),
        .testTarget(name: "CLITests", dependencies: ["RelGraph", "RelGraphTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
