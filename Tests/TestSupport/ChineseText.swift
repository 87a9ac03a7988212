import Foundation

/// A pragmatic test of "written in Chinese": the words a file holds are quoted (“…”, '…', "…")
/// and may be anything; what is left must hold Chinese and no English sentence — no run of three
/// or more English words outside Chinese text. Keys, values, `YAML 1.1`, `UTF-8`, `true 或 false`
/// pass; `task 'progress': expected a number` does not.
public enum ChineseText {
    /// What keeps `zh` from reading as Chinese (empty when nothing does); `english` is the same message in English.
    public static func problems(_ zh: String, english: String) -> [String] {
        var found: [String] = []
        if zh == english || (english.count > 12 && zh.contains(english)) { found.append("the English message itself") }
        let bare = unquoted(zh)
        if !bare.unicodeScalars.contains(where: isCJK) { found.append("no Chinese outside quotes") }
        for run in asciiRuns(bare) where englishWords(run) >= 3 {
            found.append("English words: \(run.trimmingCharacters(in: .whitespaces))")
        }
        return found
    }

    /// The text without its quoted parts.
    static func unquoted(_ text: String) -> String {
        let pairs: [Character: Character] = ["“": "”", "'": "'", "\"": "\""]
        var out = "", closing: Character?
        for ch in text {
            if let close = closing {
                if ch == close { closing = nil }
            } else if let close = pairs[ch] {
                closing = close
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// Stretches of ASCII between non-ASCII characters.
    static func asciiRuns(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isASCII }).map(String.init)
    }

    /// Words in an ASCII stretch: pieces between spaces and punctuation with two or more Latin
    /// letters (an identifier such as `contaminated_plot_safe_use_pct` is one piece).
    static func englishWords(_ run: String) -> Int {
        run.split(whereSeparator: { !($0.isLetter || $0.isNumber || "_-.".contains($0)) }).filter { $0.filter(\.isLetter).count >= 2 }.count
    }

    static func isCJK(_ s: Unicode.Scalar) -> Bool { (0x4E00...0x9FFF).contains(s.value) }
}
