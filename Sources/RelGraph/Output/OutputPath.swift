import Foundation

/// Why a name cannot become a path inside the output folder.
public struct OutputPathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name as it was given (from a document, a manifest or a flag).
    public var name: String
    /// What is wrong with it, in words a user can act on.
    public var reason: String

    /// Creates an error.
    public init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }

    public var description: String { "'\(OutputFolder.printable(name))' cannot name an output file: \(reason)" }
}

/// The output folder the user named, and the one place that decides how a name
/// from a document (a view name, an entity id), a manifest or a flag becomes a
/// path inside it. Nothing relgraph writes, replaces or deletes may lie outside.
///
/// - A name from a document becomes **one file-name component** by
///   ``fileComponent(_:)``: letters, digits and `_ - + = @ , .` stay, every other
///   byte (`/`, `:`, `%`, spaces, control characters, non-ASCII) is written `%XX`, and
///   a leading `.` is `%2E`. So `x/../../pwned` becomes `x%2F..%2F..%2Fpwned`,
///   which can only ever name a file in the folder.
/// - Output files are named by ``fileName(stem:view:fileExtension:)``:
///   `STEM.svg` for a whole network, `STEM.VIEW.svg` for a view.
/// - A relative path read from elsewhere (a batch manifest) goes through
///   ``path(of:)``: it must be relative, with no empty, `.` or `..` step, no NUL,
///   no step longer than ``maximumComponentBytes``, and no step below the folder
///   (the last one included) may be a symbolic link.
/// - Names that differ only by case would overwrite each other on macOS and
///   Windows: ``caseCollision(in:)`` finds them so the caller can refuse.
/// - Every file relgraph writes passes ``checkTarget(_:)`` (`AtomicFile` calls
///   it): a file the run read as input (``protectInput(_:)``) is never an output,
///   whatever name leads to it (a symbolic or hard link, `./net.yaml`).
/// - Files are deleted only by ``removeRecorded(_:)``: regular files relgraph
///   recorded with the hash of the bytes it wrote, still holding those bytes;
///   never a folder, a link or a file someone changed.
public struct OutputFolder: Sendable, Equatable {
    /// The folder, as the user named it.
    public var path: String

    /// The folder the user named (`--out-dir OUT`, or the directory of `-o FILE`).
    public init(_ path: String) {
        self.path = path
    }

    /// The longest file-name component file systems take (ext4, APFS, NTFS): 255 bytes.
    public static let maximumComponentBytes = 255

    /// Bytes a name from a document keeps as they are in a file name.
    static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "_-+=@,.".utf8.contains(byte)
        }
    }

    /// `name` (a view name, an entity id) as one file-name component: safe bytes
    /// kept, the others `%XX` (upper-case hex), a leading `.` as `%2E`.
    /// Names made of safe characters (all of relgraph's usual ids) are unchanged.
    /// - Throws: for an empty name, or one whose encoding is longer than ``maximumComponentBytes``.
    public static func fileComponent(_ name: String) throws(OutputPathError) -> String {
        guard !name.isEmpty else { throw OutputPathError(name: name, reason: "it is empty; give it a name") }
        var encoded = ""
        for (index, byte) in name.utf8.enumerated() {
            if isKept(byte) && !(index == 0 && byte == UInt8(ascii: ".")) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        guard encoded.utf8.count <= maximumComponentBytes else {
            throw OutputPathError(name: name, reason: "as a file name it is \(encoded.utf8.count) bytes long, and file systems take at most \(maximumComponentBytes); use a shorter name")
        }
        return encoded
    }

    /// The one name of an output file: `STEM.EXT` for a whole network, `STEM.VIEW.EXT`
    /// for a named view (the view through ``fileComponent(_:)``).
    ///
    /// `stem` is a file name the user chose (an input file's name without its
    /// extension, or the last part of `-o BASE`); it must be one path component.
    /// - Throws: when the stem is not one component, or the name is too long.
    public static func fileName(stem: String, view: String?, fileExtension: String) throws(OutputPathError) -> String {
        try checkComponent(stem)
        let name = stem + (try view.map { view throws(OutputPathError) in "." + (try fileComponent(view)) } ?? "") + "." + fileExtension
        try checkComponent(name)
        return name
    }

    /// Checks one path component: not empty, not `.` or `..`, no `/` or NUL, not
    /// longer than ``maximumComponentBytes``.
    public static func checkComponent(_ component: some StringProtocol) throws(OutputPathError) {
        let name = String(component)
        if name.isEmpty { throw OutputPathError(name: name, reason: "it has an empty step") }
        if name == "." || name == ".." { throw OutputPathError(name: name, reason: "'\(name)' would lead out of the output folder") }
        if name.utf8.contains(0) { throw OutputPathError(name: name, reason: "it contains a NUL byte") }
        if name.utf8.contains(UInt8(ascii: "/")) { throw OutputPathError(name: name, reason: "it contains '/'") }
        if name.utf8.count > maximumComponentBytes {
            throw OutputPathError(name: name, reason: "'\(printable(String(name.prefix(40))))…' is \(name.utf8.count) bytes long, and file systems take at most \(maximumComponentBytes)")
        }
    }

    /// The steps of `relative`, a path inside the folder (`sub/net.svg`).
    /// - Throws: for an absolute path, or any step ``checkComponent(_:)`` refuses.
    public static func components(of relative: String) throws(OutputPathError) -> [String] {
        if relative.isEmpty { throw OutputPathError(name: relative, reason: "it is empty") }
        if relative.hasPrefix("/") { throw OutputPathError(name: relative, reason: "it is an absolute path; paths must stay inside the output folder") }
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        for part in parts {
            do {
                try checkComponent(part)
            } catch {
                throw OutputPathError(name: relative, reason: error.reason)
            }
        }
        return parts.map(String.init)
    }

    /// The path of `relative` inside the folder, for writing, replacing or deleting.
    ///
    /// Checks `relative` as ``components(of:)`` does, and that no step below the
    /// folder — a directory on the way or the file itself — is a symbolic link
    /// (which could lead out of it, or make a write land elsewhere).
    /// The folder itself may be a link: the user named it.
    /// - Throws: ``OutputPathError`` saying which step is wrong.
    public func path(of relative: String) throws(OutputPathError) -> String {
        let parts = try Self.components(of: relative)
        var current = path
        for part in parts {
            current = (current as NSString).appendingPathComponent(part)
            var status = stat()
            if lstat(current, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK {
                throw OutputPathError(name: relative, reason: "\(current) is a symbolic link; relgraph writes only inside \(path), never through a link")
            }
        }
        return (path as NSString).appendingPathComponent(relative)
    }

    // MARK: Inputs are never outputs

    /// A file as the system knows it: the device and inode `stat` gives (through
    /// symbolic links), the same for every name that leads to it.
    struct FileIdentity: Hashable {
        var device: UInt64
        var inode: UInt64

        init?(path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }
    }

    /// The inputs of this run (see ``protectInput(_:)``), with the name each was read by.
    private static let inputs = InputRegistry()

    /// Records `path` as an input of this run: from now on ``checkTarget(_:)``
    /// refuses to write it, under this name or any other (a link to it, a hard
    /// link, `./dir/../net.yaml`). `-` (standard input) and paths that name no
    /// file are ignored. The command line calls it for every file it reads.
    public static func protectInput(_ path: String) {
        guard path != "-", let identity = FileIdentity(path: path) else { return }
        inputs.add(identity, name: path)
    }

    /// Checks a file about to be written or replaced: it must not be one of this
    /// run's inputs (``protectInput(_:)``), compared by device and inode, so also
    /// through symbolic and hard links.
    /// - Throws: ``OutputPathError`` naming the input.
    public static func checkTarget(_ path: String) throws(OutputPathError) {
        guard let identity = FileIdentity(path: path), let input = inputs.name(of: identity) else { return }
        let same = input == path ? "it is" : "it is the same file as"
        throw OutputPathError(name: path, reason: "\(same) the input \(input), which relgraph never overwrites; name another output file")
    }

    // MARK: Deleting what relgraph wrote

    /// What ``removeRecorded(_:)`` did.
    public struct Removal: Sendable, Equatable {
        /// Paths deleted (the folder joined to the recorded name).
        public var removed: [String] = []
        /// Recorded names left alone, each with the reason: they would lead out of
        /// the folder, or the file is not a regular file or not what relgraph wrote.
        public var refused: [OutputPathError] = []

        /// Creates an empty result.
        public init() {}
    }

    /// Deletes files relgraph wrote earlier into the folder and recorded (a
    /// manifest). `recorded` maps a name relative to the folder to
    /// the `sha256:` of the bytes written. A name is deleted only when it passes
    /// ``path(of:)``, is a regular file (never a folder, a link, a pipe), and
    /// still holds exactly the recorded bytes; anything else is left alone and
    /// reported in ``Removal/refused``. Names already gone are skipped.
    public func removeRecorded(_ recorded: [String: String]) -> Removal {
        var removal = Removal()
        for name in recorded.keys {
            // The name's own checks first (no file is looked at for `../x`); a name
            // whose file is already gone needs nothing more (one lstat, however
            // many such names a manifest lists); the links on the way are checked
            // before anything is deleted.
            do {
                _ = try Self.components(of: name)
            } catch {
                removal.refused.append(error)
                continue
            }
            var status = stat()
            guard lstat((self.path as NSString).appendingPathComponent(name), &status) == 0 else { continue }
            let path: String
            do {
                path = try self.path(of: name)
            } catch {
                removal.refused.append(error)
                continue
            }
            let type = status.st_mode & S_IFMT
            guard type == S_IFREG else {
                let what = type == S_IFDIR ? "a folder" : type == S_IFLNK ? "a symbolic link" : "not a regular file"
                removal.refused.append(OutputPathError(name: name, reason: "\(path) is \(what); relgraph deletes only regular files it wrote"))
                continue
            }
            guard let data = AtomicFile.currentBytes(at: path), "sha256:" + SHA256Hasher.hex(data) == recorded[name] else {
                removal.refused.append(OutputPathError(name: name, reason: "\(path) was changed since relgraph wrote it; delete it yourself if it can go"))
                continue
            }
            if unlink(path) == 0 { removal.removed.append(path) }
        }
        // Reported in name order; only what was done is sorted (a manifest may list
        // hundreds of thousands of names, nearly all of them gone).
        removal.removed.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        removal.refused.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return removal
    }

    /// The first two names that differ only by case (`Views.svg`, `views.svg`),
    /// which would be one file on macOS and Windows; `nil` when there are none.
    public static func caseCollision(in names: [String]) -> (String, String)? {
        var seen: [String: String] = [:]
        for name in names {
            let folded = name.lowercased()
            if let other = seen[folded], other != name { return (other, name) }
            seen[folded] = name
        }
        return nil
    }

    /// `name` with control characters shown as `\u{XX}`, for messages.
    static func printable(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// The inputs of a run, by file identity (``OutputFolder/protectInput(_:)``).
final class InputRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var names: [OutputFolder.FileIdentity: String] = [:]

    func add(_ identity: OutputFolder.FileIdentity, name: String) {
        lock.withLock { if names[identity] == nil { names[identity] = name } }
    }

    func name(of identity: OutputFolder.FileIdentity) -> String? {
        lock.withLock { names[identity] }
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
