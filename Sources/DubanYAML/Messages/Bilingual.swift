/// Words for people in English and, where they have been written, in Chinese.
///
/// Department clerks read Chinese: SPEC §5 wants every violation's message "Chinese, with English
/// available", so whatever a status file can trigger is written in both. Rule and registry files
/// are read by CI in English; their messages leave `zh` nil, and whoever shows one in Chinese
/// shows the English inside a Chinese frame instead (`报送文件内容无法读取：<English>`).
///
/// Carried as `zh` beside the English `message` of `YAMLIssue`, `YAMLError` and (in DubanCore)
/// `Diagnostic`, and whole in `ReadFailure` and the ledger findings; whoever turns one into a
/// violation frames `zh ?? message` (`报送文件内容无法读取：…`, `账目无法读取：…`).
///
/// Conventions of the Chinese texts: keys, values and file contents stay verbatim; what the file
/// holds is quoted “so”; what to type is written as typed (`"no"`, `period: 2022-06`); the
/// problem's own line and column are not repeated (the location goes with every message), a
/// second place is named as 第 8 行第 11 列.
public struct Bilingual: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var en: String
    public var zh: String?

    public init(_ en: String, zh: String?) {
        self.en = en
        self.zh = zh
    }

    /// English only: a string literal where no Chinese is wanted (rule files, tests).
    public init(stringLiteral en: String) {
        self.init(en, zh: nil)
    }

    public var description: String { en }
}
