/// A quantity that targets and reports speak of.
public struct Metric: Sendable, Hashable {
    /// Which way is better.
    public enum Direction: String, Sendable, Hashable, CaseIterable { case higher, lower, none }
    /// How values over a year combine.
    public enum Aggregation: String, Sendable, Hashable, CaseIterable {
        /// A state such as a rate or a concentration.
        case level
        /// Adds up over the year, such as tonnes cut or kilometres built.
        case cumulative
    }

    public var id: String
    public var name: String
    public var en: String
    public var unit: String
    public var better: Direction
    public var aggregation: Aggregation
}
