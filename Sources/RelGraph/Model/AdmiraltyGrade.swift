/// An Admiralty (NATO) grade: the reliability of the source (A–F) and the
/// credibility of the information (1–6), written together as in `B2`.
public struct AdmiraltyGrade: Hashable, Sendable, Codable, CustomStringConvertible, LosslessStringConvertible {
    /// Source reliability: A completely reliable … E unreliable, F cannot be judged.
    public var reliability: Character
    /// Information credibility: 1 confirmed … 5 improbable, 6 cannot be judged.
    public var credibility: Int

    /// Parses `A1` … `F6`. Lowercase letters are not accepted, to keep files uniform.
    public init?(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 2,
              ("A"..."F").contains(scalars[0]),
              ("1"..."6").contains(scalars[1]),
              let number = Int(String(scalars[1])) else { return nil }
        reliability = Character(scalars[0])
        credibility = number
    }

    /// `B2`.
    public var description: String { "\(reliability)\(credibility)" }

    /// The meaning of the reliability letter.
    public var reliabilityMeaning: String {
        switch reliability {
        case "A": "completely reliable"
        case "B": "usually reliable"
        case "C": "fairly reliable"
        case "D": "not usually reliable"
        case "E": "unreliable"
        default: "reliability cannot be judged"
        }
    }

    /// The meaning of the credibility number.
    public var credibilityMeaning: String {
        switch credibility {
        case 1: "confirmed by other sources"
        case 2: "probably true"
        case 3: "possibly true"
        case 4: "doubtful"
        case 5: "improbable"
        default: "truth cannot be judged"
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let grade = AdmiraltyGrade(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad grade \(text)"))
        }
        self = grade
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
