import Foundation
import Testing
@testable import RelGraph
import RelGraphTestSupport

/// Runs Python checks (independent readers and validators) when Python and the
/// module are installed; tests skip those checks otherwise.
enum PythonCheck {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The exit status of a script whose modules cannot be imported.
    static let unavailableStatus: Int32 = 77

    /// Runs `script` with `input` on standard input, after importing `modules`;
    /// `nil` when Python or a module is missing, or the script fails (recorded as an issue).
    static func run(_ script: String, input: String, arguments: [String] = [], modules: [String] = []) -> String? {
        let guardImports = modules.isEmpty ? "" : "import sys\ntry:\n" + modules.map { "    import \($0)\n" }.joined()
            + "except ImportError:\n    sys.exit(\(unavailableStatus))\n"
        guard let result = execute(["python3", "-c", guardImports + script] + arguments, input: input) else { return nil }
        if result.status == unavailableStatus { return nil }
        if result.status != 0 {
            Issue.record("python3 failed (\(result.status)): \(result.stderr)")
            return nil
        }
        return result.stdout
    }

    /// Whether `python3` runs and imports every one of `modules`: the condition of
    /// a test that needs them (`.enabled(if:)`, so that a missing module shows as a skip).
    static func available(_ modules: [String]) -> Bool {
        execute(["python3", "-c", (["import sys"] + modules.map { "import \($0)" }).joined(separator: "; ")], input: nil)?.status == 0
    }

    /// Runs a command (``ProcessRunner``); `nil` when it cannot be started.
    static func execute(_ arguments: [String], input: String?) -> Result? {
        guard let result = try? ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"), arguments, stdin: input.map { Data($0.utf8) }) else {
            return nil
        }
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }
}

/// Shared read-only data (``TestPaths/sharedData``).
enum SharedData {
    static let root: URL = TestPaths.sharedData

    static let stix = root.appendingPathComponent("stix")

    /// Whether the shared STIX bundle at `relative` is there: the condition of a
    /// test that reads it (`.enabled(if:)`).
    static func has(_ relative: String) -> Bool { stixBundle(relative) != nil }

    /// The path of a shared STIX bundle, or `nil` when the shared folder is absent.
    static func stixBundle(_ relative: String) -> String? {
        let path = stix.appendingPathComponent(relative).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
