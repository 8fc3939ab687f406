import RelGraph

/// libFuzzer target for the YAML/JSON loader (reader, decoder, validator).
///
/// The first byte picks the format (JSON, YAML, or sniffed); the rest is the
/// document. Built by `scripts/fuzz/run.sh` with `-D RELGRAPH_FUZZ` and
/// `-sanitize=fuzzer,address`; without the flag this is a replay tool:
/// `FuzzLoad FILE...` loads each file as the fuzzer would (to check a crash
/// file or a regression without sanitizers).
func fuzzLoad(_ data: UnsafeBufferPointer<UInt8>) {
    guard let first = data.first else { return }
    let format: InputFormat? = switch first % 3 {
    case 0: .json
    case 1: .yaml
    default: nil
    }
    let loaded = NetworkLoader().load(bytes: Array(data.dropFirst()), file: "fuzz", format: format)
    // Touch the result so nothing is optimised away, and format every diagnostic.
    for diagnostic in loaded.diagnostics where diagnostic.formatted.isEmpty { fatalError("empty diagnostic") }
    if !loaded.hasErrors {
        _ = try? loaded.network.applying(ViewDefinition())
    }
}

#if RELGRAPH_FUZZ
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    fuzzLoad(UnsafeBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
    return 0
}

/// libFuzzer's driver, called from the entry point SwiftPM links (`FuzzLoad_main`:
/// SwiftPM renames an executable's `main`, so libFuzzer's own `main` is not used).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@_cdecl("FuzzLoad_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { bytes, size in fuzzerTestOneInput(bytes, size) }
}
#else
import Foundation

@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot read")
                continue
            }
            [UInt8](data).withUnsafeBufferPointer { fuzzLoad($0) }
            print("\(path): ok")
        }
    }
}
#endif
