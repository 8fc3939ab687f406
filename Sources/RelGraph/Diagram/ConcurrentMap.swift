import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// The same array as `map(transform)`, computed on every core when there is
    /// enough work: the elements are cut into contiguous chunks that threads take
    /// in turn, and each result is stored at its element's place, so the order
    /// (and every byte drawn from it) does not depend on the threads.
    ///
    /// For transforms that only read what they share (a diagram's nodes and
    /// edges are each built from the network alone). Below `minimumPerCore`
    /// elements per core, or on one core, it is plain `map`.
    package func concurrentMap<T: Sendable>(minimumPerCore: Int = 512, _ transform: @Sendable (Element) -> T) -> [T] {
        let cores = activeCores
        guard cores > 1, count >= Swift.max(2, 2 * minimumPerCore) else { return map(transform) }
        // More chunks than cores, so that a core that finishes early takes
        // another, but none under 256 elements (unless there are fewer).
        let chunks = Swift.max(1, Swift.min(cores * 8, count / 256))
        return withUnsafeBufferPointer { elements in
            [T](unsafeUninitializedCapacity: elements.count) { results, initialized in
                // Each chunk reads its own elements and writes its own results:
                // no two threads touch the same memory.
                let places = Places(elements: elements.baseAddress!, results: results.baseAddress!)
                let total = elements.count
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    for i in (total * chunk / chunks)..<(total * (chunk + 1) / chunks) {
                        (places.results + i).initialize(to: transform(places.elements[i]))
                    }
                }
                initialized = total
            }
        }
    }
}

/// The cores this process may use, read once (Foundation reads the CPU set and
/// cgroup limits at each call: about 60,000 instructions).
private let activeCores = ProcessInfo.processInfo.activeProcessorCount

/// Where ``Swift/Array/concurrentMap(minimumPerCore:_:)`` reads and writes,
/// handed to its threads (which share no element).
private struct Places<Element, T>: @unchecked Sendable {
    let elements: UnsafePointer<Element>
    let results: UnsafeMutablePointer<T>
}
