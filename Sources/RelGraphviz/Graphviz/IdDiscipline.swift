import RelGraphDrawing
internal import CGraphviz

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-graph state of ``IdDiscipline``: maps names to small increasing ids.
///
/// Graphviz 2.42's default id discipline uses the address of the interned name
/// as the id, and keeps subgraphs in a dictionary ordered by id: subgraphs (and
/// so clusters) come out in heap-address order, which changes from run to run
/// inside one process. Ids handed out here increase in the order names are first
/// mapped, which is creation order, so that order is stable.
///
/// Names are interned with `agstrdup` in the graph's own string pool (as the
/// default discipline does): cgraph calls `aghtmlstr` on what `print` returns,
/// which reads a header in front of the string, so it must be a cgraph string.
/// Only touched by Graphviz under ``GraphvizContext``'s lock.
final class IdTable {
    /// A name, by its bytes: a C string that stays alive while the key is in a
    /// table (the interned copy), or only during a look-up (the caller's).
    /// Hashed in one pass over the bytes, compared with `memcmp`.
    private struct Name: Hashable {
        let bytes: UnsafeRawBufferPointer

        init(_ text: UnsafePointer<CChar>) {
            bytes = UnsafeRawBufferPointer(start: text, count: strlen(text))
        }

        static func == (a: Name, b: Name) -> Bool {
            a.bytes.count == b.bytes.count
                && (a.bytes.count == 0 || memcmp(a.bytes.baseAddress!, b.bytes.baseAddress!, a.bytes.count) == 0)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(bytes: bytes)
        }
    }

    private struct Entry {
        var name: UnsafeMutablePointer<CChar>
        var references: Int
        var slot: Int
    }

    private let graph: UnsafeMutablePointer<Agraph_t>?
    private var nextID: IDTYPE = 1
    // Index 0: graphs and subgraphs, 1: nodes, 2: edges.
    private var byName: [[Name: IDTYPE]] = [[:], [:], [:]]
    /// Named ids' entries, indexed by id (ids are handed out from 1 up, shared by all kinds).
    private var byID: [Entry?] = [nil]

    init(graph: UnsafeMutablePointer<Agraph_t>?) {
        self.graph = graph
    }

    private static func slot(_ objtype: Int32) -> Int {
        objtype >= 2 ? 2 : Int(max(objtype, 0))  // AGINEDGE (3) is an edge too.
    }

    /// The id discipline's `map`: look up (or create) the id for `name`, or a
    /// fresh anonymous id when `name` is NULL.
    func map(objtype: Int32, name: UnsafeMutablePointer<CChar>?, id: UnsafeMutablePointer<IDTYPE>?, create: Bool) -> Bool {
        let slot = Self.slot(objtype)
        guard let name else {
            guard create else { return false }
            id?.pointee = nextID
            nextID += 1
            return true
        }
        if let existing = byName[slot][Name(name)] {
            if create { byID[Int(existing)]!.references += 1 }
            id?.pointee = existing
            return true
        }
        guard create, let interned = agstrdup(graph, name) else { return false }
        let newID = nextID
        nextID += 1
        byName[slot][Name(interned)] = newID
        while byID.count <= Int(newID) { byID.append(nil) }
        byID[Int(newID)] = Entry(name: interned, references: 1, slot: slot)
        id?.pointee = newID
        return true
    }

    /// The id discipline's `free`: drop one reference to a named id.
    func free(objtype: Int32, id: IDTYPE) {
        let slot = Self.slot(objtype)
        guard Int(id) < byID.count, let entry = byID[Int(id)], entry.slot == slot else { return }
        if entry.references > 1 {
            byID[Int(id)]!.references -= 1
            return
        }
        byID[Int(id)] = nil
        byName[slot][Name(entry.name)] = nil
        // The interned name is not agstrfree'd (that call's signature varies
        // between Graphviz versions); the graph's string pool frees it on agclose.
    }

    /// The id discipline's `print`: the name of a named id, NULL for an anonymous one.
    func name(objtype: Int32, id: IDTYPE) -> UnsafeMutablePointer<CChar>? {
        guard Int(id) < byID.count, let entry = byID[Int(id)], entry.slot == Self.slot(objtype) else { return nil }
        return entry.name
    }

    /// The table attached to a graph built or read with ``IdDiscipline``.
    static func of(_ graph: UnsafeMutablePointer<Agraph_t>) -> IdTable? {
        guard let state = relgraph_idstate(graph) else { return nil }
        return Unmanaged<IdTable>.fromOpaque(state).takeUnretainedValue()
    }
}

/// The `Agdisc_t` handed to `agopen` and `agread`: the default memory
/// discipline, a stdio I/O discipline, and an id discipline (``IdTable``) that
/// gives increasing ids.
enum IdDiscipline {
    /// Allocated once and never freed: cgraph keeps pointers to the id and I/O
    /// disciplines for the lifetime of each graph.
    ///
    /// The I/O discipline must be set: `agread` calls `disc->io->afread`
    /// directly (only `agopen` falls back to the default for NULL). It reads as
    /// cgraph's default does (line by line, as `fgets`), without touching the C
    /// global `AgIoDisc`: input channels are ``DOTSource``s, which also end each
    /// read at the end of a graph where Graphviz needs that. Output channels are
    /// ``DOTSink``s.
    static func make() -> UnsafeMutablePointer<Agdisc_t> {
        let ids = UnsafeMutablePointer<Agiddisc_t>.allocate(capacity: 1)
        relgraph_iddisc_init(
            ids,
            { graph, _ in Unmanaged.passRetained(IdTable(graph: graph)).toOpaque() },
            { state, objtype, name, id, createflag in
                guard let state else { return 0 }
                let table = Unmanaged<IdTable>.fromOpaque(state).takeUnretainedValue()
                return table.map(objtype: objtype, name: name, id: id, create: createflag != 0) ? 1 : 0
            },
            { state, objtype, id in
                guard let state else { return }
                Unmanaged<IdTable>.fromOpaque(state).takeUnretainedValue().free(objtype: objtype, id: id)
            },
            { state, objtype, id in
                guard let state else { return nil }
                return Unmanaged<IdTable>.fromOpaque(state).takeUnretainedValue().name(objtype: objtype, id: id)
            },
            { state in
                // Called before the graph's string pool is closed, which frees the names.
                guard let state else { return }
                Unmanaged<IdTable>.fromOpaque(state).release()
            },
            { _, _, _ in }
        )

        let io = UnsafeMutablePointer<Agiodisc_t>.allocate(capacity: 1)
        var ioDisc = Agiodisc_t()
        ioDisc.afread = { channel, buffer, size in
            guard let channel, let buffer, size > 0 else { return 0 }
            return Unmanaged<DOTSource>.fromOpaque(channel)._withUnsafeGuaranteedRef { $0.read(into: buffer, size: Int(size)) }
        }
        // Output channels are ``DOTSink``s (only `agwrite` writes through these).
        ioDisc.putstr = { channel, text in
            guard let channel, let text else { return EOF }
            Unmanaged<DOTSink>.fromOpaque(channel)._withUnsafeGuaranteedRef { $0.put(text) }
            return 0
        }
        ioDisc.flush = { channel in
            channel == nil ? EOF : 0
        }
        io.initialize(to: ioDisc)

        let disc = UnsafeMutablePointer<Agdisc_t>.allocate(capacity: 1)
        var d = Agdisc_t()  // mem (a 2.42-only field) stays NULL: cgraph uses its default.
        d.id = ids
        d.io = io
        disc.initialize(to: d)
        return disc
    }
}
