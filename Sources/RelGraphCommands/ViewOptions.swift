import Foundation
import ArgumentParser
import RelGraph
import RelGraphDrawing

/// The view flags shared by `render`, `stats` and `timeline`.
struct ViewOptions: ParsableArguments {
    @Option(help: "Render the named view from the file's `views:` section.")
    var view: String?

    @Option(help: ArgumentHelp("Entity ids at the centre of the view.", valueName: "ID[,ID...]"))
    var focus: String?

    @Option(help: "Relation steps to keep around the focus (default 1).")
    var depth: Int?

    @Option(help: "Follow relations out of, into, or both ways from the focus (default both).")
    var direction: ViewDefinition.Direction?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Only what was alive on this date.", valueName: "DATE"))
    var asOf: String?

    @Option(help: ArgumentHelp("Only what was alive at some time in this window.", valueName: "FROM,TO"))
    var between: String?

    @Option(help: ArgumentHelp("Only these entity kinds.", valueName: "K,..."))
    var kinds: String?

    @Option(name: .customLong("exclude-kinds"), help: ArgumentHelp("Never these entity kinds.", valueName: "K,..."))
    var excludeKinds: String?

    @Option(help: ArgumentHelp("Only these relation types.", valueName: "T,..."))
    var types: String?

    @Option(name: .customLong("exclude-types"), help: ArgumentHelp("Never these relation types.", valueName: "T,..."))
    var excludeTypes: String?

    @Option(help: ArgumentHelp("Only entities carrying one of these tags.", valueName: "T,..."))
    var tags: String?

    @Option(name: .customLong("exclude-tags"), help: ArgumentHelp("Never entities or relations carrying these tags.", valueName: "T,..."))
    var excludeTags: String?

    @Option(name: .customLong("min-confidence"), help: "Hide relations below this confidence (confirmed, reported, alleged, disputed).")
    var minConfidence: Confidence?

    @Option(help: "Group entities into nested clusters: none or territories.")
    var cluster: ViewDefinition.Clustering?

    @Option(name: .customLong("known-as-of"),
            help: ArgumentHelp("Only claims made by this date (claim date, else source date) and the relations they support.", valueName: "DATE"))
    var knownAsOf: String?

    @Flag(name: .customLong("dated-only"), help: "Leave out relations and entities that have no dates (time views otherwise mark them undated).")
    var datedOnly = false

    /// The view flags as command-line arguments (without `--view`), to hand the
    /// same view to a child `relgraph` process. Every flag above must appear here.
    func forwardedArguments() -> [String] {
        var arguments: [String] = []
        func add(_ flag: String, _ value: String?) { if let value { arguments += [flag, value] } }
        add("--focus", focus)
        add("--depth", depth.map(String.init))
        add("--direction", direction?.rawValue)
        add("--as-of", asOf)
        add("--between", between)
        add("--kinds", kinds)
        add("--exclude-kinds", excludeKinds)
        add("--types", types)
        add("--exclude-types", excludeTypes)
        add("--tags", tags)
        add("--exclude-tags", excludeTags)
        add("--min-confidence", minConfidence?.rawValue)
        add("--cluster", cluster?.rawValue)
        add("--known-as-of", knownAsOf)
        if datedOnly { arguments.append("--dated-only") }
        return arguments
    }

    /// The ad-hoc view the flags describe.
    func flagsView() throws -> ViewDefinition {
        var view = ViewDefinition()
        view.focus = list(focus)
        view.depth = depth
        view.direction = direction
        if let asOf {
            guard let date = PartialDate(asOf) else { throw ValidationError("--as-of: \(PartialDate.problem(with: asOf) ?? "bad date")") }
            view.asOf = date
        }
        if let between {
            let parts = list(between)
            guard parts.count == 2, let from = PartialDate(parts[0]), let to = PartialDate(parts[1]) else {
                throw ValidationError("--between takes two dates FROM,TO (YYYY, YYYY-MM or YYYY-MM-DD)")
            }
            guard from.firstDayNumber <= to.lastDayNumber else { throw ValidationError("--between starts after it ends") }
            view.between = (from, to)
        }
        view.kinds = try kindList(kinds, flag: "--kinds")
        view.excludeKinds = try kindList(excludeKinds, flag: "--exclude-kinds")
        view.types = list(types)
        view.excludeTypes = list(excludeTypes)
        view.tags = list(tags)
        view.excludeTags = list(excludeTags)
        view.minConfidence = minConfidence
        view.cluster = cluster
        if let knownAsOf {
            guard let date = PartialDate(knownAsOf) else {
                throw ValidationError("--known-as-of: \(PartialDate.problem(with: knownAsOf) ?? "bad date")")
            }
            view.knownAsOf = date
        }
        if datedOnly { view.datedOnly = true }
        return view
    }

    /// Every named view of `network` (`--all-views`), by name, with the flags over each.
    /// - Throws: when the network has no views.
    func everyView(in network: Network, input: String) throws -> [(name: String?, view: ViewDefinition)] {
        if network.views.isEmpty { throw ValidationError("\(input) defines no views (add a `views:` section)") }
        let flags = try flagsView()
        return network.views.keys.sorted().map { ($0, network.views[$0]!.overridden(by: flags)) }
    }

    /// The view to apply to `network`: the named one (if any) with the flags over it.
    func resolve(in network: Network) throws -> ViewDefinition {
        let flags = try flagsView()
        guard let name = view else { return flags }
        do {
            return try network.view(named: name).overridden(by: flags)
        } catch {
            throw ValidationError(error.description)
        }
    }

    private func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Kinds by name; whether the network has them (built in or declared) is
    /// checked when the view is applied.
    private func kindList(_ text: String?, flag: String) throws -> [EntityKind] {
        try list(text).map { name in
            guard IDPolicy.isValid(name) else { throw ValidationError("\(flag): '\(name)' is not a kind name") }
            return EntityKind(name)
        }
    }
}

extension ViewDefinition.Direction: ExpressibleByArgument {}
extension ViewDefinition.Clustering: ExpressibleByArgument {}
extension Confidence: ExpressibleByArgument {}
