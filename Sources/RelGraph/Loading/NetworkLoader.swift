import Foundation

/// A document read from a file: the network, where each part of it is in the file,
/// and every problem found.
public struct LoadedNetwork: Sendable {
    /// The file as the user named it (`-` for standard input).
    public var file: String
    /// The decoded network. When there are errors it holds what could be decoded.
    public var network: Network
    /// Positions of the network's parts in the file.
    public var sourceMap: SourceMap
    /// Every problem, sorted by position.
    public var diagnostics: [Diagnostic]
    /// The raw bytes that were read (for content hashing and re-reading).
    public var bytes: [UInt8]

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains(where: \.isError) }
    /// Whether the file could not be read at all (missing, unreadable).
    public var isUnreadable: Bool { diagnostics.contains { $0.code == .unreadable } }
    /// The errors only.
    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
    /// The warnings only.
    public var warnings: [Diagnostic] { diagnostics.filter { !$0.isError } }
}

/// Reads, decodes and validates relgraph documents.
///
///     let loaded = NetworkLoader().load(path: "graphs/iskp-isi-nexus.yaml")
///     if loaded.hasErrors { loaded.diagnostics.forEach { print($0.formatted) } }
public struct NetworkLoader: Sendable {
    /// Limits on what is read.
    public var limits: ReadLimits

    /// Creates a loader.
    public init(limits: ReadLimits = .default) {
        self.limits = limits
    }

    /// Loads the file at `path` (`-` reads standard input). The format comes from the
    /// extension (`.json`, `.yaml`, `.yml`) or is sniffed from the content.
    ///
    /// `keepingBytes: false` leaves ``LoadedNetwork/bytes`` empty and lets the
    /// bytes go as soon as they are parsed (84 MB for a 100,000-entity JSON file,
    /// alive otherwise while the syntax tree is decoded).
    /// `regularFilesOnly` refuses anything but a regular file (see ``readBytes(path:regularFilesOnly:)``).
    public func load(path: String, keepingBytes: Bool = true, regularFilesOnly: Bool = false) -> LoadedNetwork {
        let read = readBytes(path: path, regularFilesOnly: regularFilesOnly)
        switch consume read {
        case .success(var bytes):
            return load(bytes: &bytes, file: path, format: path == "-" ? nil : InputFormat.fromExtension(of: path),
                        keepingBytes: keepingBytes)
        case .failure(let diagnostic):
            return LoadedNetwork(file: path, network: Network(), sourceMap: SourceMap(), diagnostics: [diagnostic], bytes: [])
        }
    }

    /// Loads a document from bytes already in memory; `file` names it in diagnostics.
    public func load(bytes: [UInt8], file: String, format: InputFormat?) -> LoadedNetwork {
        var bytes = bytes
        return load(bytes: &bytes, file: file, format: format, keepingBytes: true)
    }

    /// ``load(bytes:file:format:)``; without `keepingBytes`, `bytes` is emptied
    /// once parsed (letting the caller's only copy go) and not returned.
    private func load(bytes: inout [UInt8], file: String, format: InputFormat?, keepingBytes: Bool) -> LoadedNetwork {
        let context = DecodingContext(file: file)
        let root: SyntaxNode
        do {
            root = try DocumentReader(limits: limits).read(bytes, format: format)
        } catch {
            return LoadedNetwork(file: file, network: Network(), sourceMap: SourceMap(),
                                 diagnostics: [error.diagnostic(file: file)], bytes: keepingBytes ? bytes : [])
        }
        if !keepingBytes { bytes = [] }
        // The syntax tree goes once decoded (it is the largest thing alive while a
        // big file loads); validation needs only the network and its source map.
        let (network, map) = NetworkDecoder(context: context).decode(consume root)
        NetworkValidator(network: network, map: map, context: context).validate()
        return LoadedNetwork(file: file, network: network, sourceMap: map,
                             diagnostics: Diagnostic.sortedByPosition(context.diagnostics), bytes: bytes)
    }

    /// Whether `bytes` look like a relgraph network: a YAML or JSON mapping with an
    /// `entities` key. A file that cannot be parsed counts when it mentions
    /// `entities` (so its syntax error is reported rather than the file skipped).
    /// Used to pick the networks out of a directory.
    public func looksLikeNetwork(_ bytes: [UInt8], format: InputFormat?) -> Bool {
        do {
            let root = try DocumentReader(limits: limits).read(bytes, format: format)
            guard case .mapping(let pairs) = root.value else { return false }
            return pairs.contains { pair in
                if case .scalar(let key, _) = pair.key.value { return key == "entities" }
                return false
            }
        } catch {
            let marker = Array("entities".utf8)
            guard bytes.count >= marker.count else { return false }
            return (0...(bytes.count - marker.count)).contains { start in bytes[start..<(start + marker.count)].elementsEqual(marker) }
        }
    }

    /// Reads a file's bytes, refusing files over the size limit before reading them.
    ///
    /// The file is opened without blocking and checked (`fstat`) before anything
    /// is read: a directory is an error, and with `regularFilesOnly` (a file found
    /// by a folder scan, or one a server reads) so is anything but a regular file,
    /// so that a FIFO named `net.yaml` can never stop relgraph in `open()` or
    /// `read()`. A FIFO or device the user names explicitly (`<(cat net.yaml)`,
    /// `/dev/stdin`) is read as it comes, up to the size limit.
    public func readBytes(path: String, regularFilesOnly: Bool = false) -> Result<[UInt8], Diagnostic> {
        func failure(_ message: String, _ hint: String? = nil) -> Result<[UInt8], Diagnostic> {
            .failure(Diagnostic(file: path, location: nil, severity: .error, code: .unreadable, message: message, hint: hint))
        }
        func tooLarge(_ size: Int) -> Result<[UInt8], Diagnostic> {
            .failure(Diagnostic(file: path, location: nil, severity: .error, code: .limit,
                                message: "the file is \(size) bytes; the limit is \(limits.maxInputBytes) bytes",
                                hint: "split the network into several files"))
        }
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return .success([UInt8](data))
        }
        var fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: return failure("no such file", "check the path; relgraph reads .yaml, .yml and .json files")
            case EACCES, EPERM: return failure("cannot be read (permission denied)", "check the file's permissions")
            default: return failure("cannot be read: \(String(cString: strerror(errno)))")
            }
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return failure("cannot be read: \(String(cString: strerror(errno)))") }
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            return failure("is a directory, not a file", "name a .yaml or .json file inside it")
        case S_IFREG:
            if Int(status.st_size) > limits.maxInputBytes { return tooLarge(Int(status.st_size)) }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        default:
            if regularFilesOnly {
                return failure("is not a regular file (a pipe, device or socket), so relgraph does not read it here",
                               "relgraph reads only regular files from a folder; name the file itself to read it")
            }
            // Named by the user: open it again the usual way and wait for its writer.
            close(fd)
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return failure("cannot be read: \(String(cString: strerror(errno)))") }
        }
        var bytes: [UInt8] = []
        if status.st_mode & S_IFMT == S_IFREG { bytes.reserveCapacity(Int(status.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                return failure("cannot be read: \(String(cString: strerror(errno)))")
            }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limits.maxInputBytes { return tooLarge(bytes.count) }
        }
        return .success(bytes)
    }
}
