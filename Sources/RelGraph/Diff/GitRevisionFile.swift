import Foundation

/// `git:REV:PATH`: a file as of a git revision, read with `git show REV:PATH`.
///
/// PATH is relative to the repository's top directory, as in `git show`
/// (`git:HEAD:graphs/x.yaml`); start it with `./` to make it relative to the
/// current directory (`git:HEAD~1:./x.yaml`). REV is anything git accepts
/// (`HEAD`, `HEAD~1`, `main`, a commit id, a tag).
package enum GitRevisionFile {
    /// `(REV, PATH)` when `argument` has the form `git:REV:PATH`.
    package static func parse(_ argument: String) -> (revision: String, path: String)? {
        guard argument.hasPrefix("git:") else { return nil }
        let rest = argument.dropFirst(4)
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        return (String(rest[..<colon]), String(rest[rest.index(after: colon)...]))
    }

    /// The bytes of `path` as of `revision`, from `git show --no-textconv REV:PATH`
    /// run in `directory` (default: the current directory).
    package static func show(revision: String, path: String, input: String, maxBytes: Int,
                            directory: String? = nil) throws(DiffInputError) -> [UInt8] {
        let usage = "write git:REV:PATH, e.g. git:HEAD~1:graphs/iskp-isi-nexus.yaml"
        guard !revision.isEmpty else { throw DiffInputError(input: input, message: "the revision is empty", hint: usage) }
        guard !path.isEmpty else { throw DiffInputError(input: input, message: "the path is empty", hint: usage) }
        // A revision starting with '-' would be read by git as an option.
        guard !revision.hasPrefix("-") else {
            throw DiffInputError(input: input, message: "the revision '\(revision)' starts with '-'", hint: usage)
        }
        guard !revision.utf8.contains(0), !path.utf8.contains(0) else {
            throw DiffInputError(input: input, message: "the revision or path contains a NUL character", hint: usage)
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "show", "--no-textconv", "\(revision):\(path)"]
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_PAGER"] = "cat"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output: FileHandle, errors: FileHandle
        do {
            (output, errors) = try process.runPiped()
        } catch {
            throw DiffInputError(input: input, message: "could not run git: \(error.localizedDescription)",
                                 hint: "install git, or compare files on disk")
        }
        // Read standard error on another thread so that neither pipe can fill up and block git.
        let errorText = PipeCollector(errors)
        let data = output.readDataToEndOfFile()
        process.waitUntilExit()
        let message = String(decoding: errorText.wait(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)

        if process.terminationStatus == 127 {
            throw DiffInputError(input: input, message: "git is not installed (or not on PATH)",
                                 hint: "install git, or compare files on disk")
        }
        guard process.terminationStatus == 0 else {
            throw DiffInputError(input: input, message: "git show \(revision):\(path) failed: \(message.isEmpty ? "exit status \(process.terminationStatus)" : message)",
                                 hint: hint(for: message, revision: revision, path: path))
        }
        if data.count > maxBytes {
            throw DiffInputError(input: input, message: "the file is \(data.count) bytes; the limit is \(maxBytes) bytes",
                                 hint: "split the network into several files")
        }
        return [UInt8](data)
    }

    /// What to do about git's complaint.
    static func hint(for message: String, revision: String, path: String) -> String {
        let lower = message.lowercased()
        if lower.contains("not a git repository") {
            return "run relgraph diff inside the git repository that holds the file"
        }
        if lower.contains("does not exist in") || lower.contains("exists on disk, but not in") {
            return "PATH is relative to the repository's top directory (start it with ./ for the current directory); "
                + "`git ls-tree -r --name-only \(revision)` lists the files of that revision"
        }
        if lower.contains("invalid object name") || lower.contains("unknown revision") || lower.contains("bad revision")
            || lower.contains("ambiguous argument") {
            return "'\(revision)' is not a revision of this repository; `git log --oneline` lists commits"
        }
        return "check that `git show \(revision):\(path)` works"
    }
}
