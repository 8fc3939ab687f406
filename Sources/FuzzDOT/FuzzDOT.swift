import Foundation
import RelGraphDrawing
import RelGraphviz

/// libFuzzer target for the DOT reader (`GraphvizContext.readDOTGraphs`), and for
/// what relgraph does with a read graph: build it again from its spec and write DOT.
///
/// Built by `scripts/fuzz/run.sh` with `-D RELGRAPH_FUZZ` and
/// `-sanitize=fuzzer,address`; without the flag this is a replay tool:
/// `FuzzDOT FILE...`.
func fuzzDOT(_ data: Data) {
    guard let graphs = try? GraphvizContext.shared.readDOTGraphs(data) else { return }
    for graph in graphs.prefix(4) {
        _ = try? GraphvizContext.shared.writeDOT(graph.graph)
    }
}

#if RELGRAPH_FUZZ
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let bytes, count > 0 else { return 0 }
    fuzzDOT(Data(bytes: bytes, count: count))
    return 0
}

/// libFuzzer's driver, called from the entry point SwiftPM links (`FuzzDOT_main`:
/// SwiftPM renames an executable's `main`, so libFuzzer's own `main` is not used).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@_cdecl("FuzzDOT_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { bytes, size in fuzzerTestOneInput(bytes, size) }
}
#else
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot read")
                continue
            }
            fuzzDOT(data)
            print("\(path): ok")
        }
    }
}
#endif
