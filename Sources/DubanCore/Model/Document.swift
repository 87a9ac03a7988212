/// One of the Gazette's circulars.
public struct Document: Sendable, Hashable {
    /// Short key used in rule ids: `pollution`, `literacy`, `medins`.
    public var key: String
    /// Document number as printed, e.g. 京政办发〔2022〕6号.
    public var number: String
    public var title: String
    public var en: String
    public var issued: Day
    /// The year that bare deadline phrases (年底前, 6月底前) refer to.
    public var year: Int
}

/// Where something was written: file and position.
public struct SourceLocation: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
}
