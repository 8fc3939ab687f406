/// A document that claims are taken from: an article, a report, a transcript.
public struct Source: Hashable, Sendable, Codable {
    /// The source's id, the key under `sources:`.
    public var id: String
    /// Title of the document.
    public var title: String?
    /// Who wrote it.
    public var author: String?
    /// Who published it.
    public var publisher: String?
    /// When it was published.
    public var date: PartialDate?
    /// Where it can be read.
    public var url: String?
    /// Admiralty reliability of the source: `A` (completely reliable) to `E`
    /// (unreliable), `F` (reliability cannot be judged).
    public var reliability: String?

    /// Creates a source.
    public init(id: String, title: String? = nil, author: String? = nil, publisher: String? = nil,
                date: PartialDate? = nil, url: String? = nil, reliability: String? = nil) {
        self.id = id
        self.title = title
        self.author = author
        self.publisher = publisher
        self.date = date
        self.url = url
        self.reliability = reliability
    }

    /// "The Asian Age, 2025-10-09": publisher (or title) and date, for tooltips.
    public var citation: String {
        let who = publisher ?? title ?? author ?? id
        if let date { return "\(who), \(date)" }
        return who
    }
}
