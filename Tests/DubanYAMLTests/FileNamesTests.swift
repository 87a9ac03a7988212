import Testing
import DubanYAML

@Suite struct FileNamesTests {
    @Test func aPlainNameIsItself() {
        let name = FileNames.text(of: Array("2022-06报送 (2).yaml".utf8))
        #expect(name.text == "2022-06报送 (2).yaml" && name.problem == nil)
    }

    @Test func strayBytesAreShownAsHexAndGBKIsRecognised() {
        // 西城 in GBK, then UTF-8 text: only the GBK bytes are escaped.
        let gbk = FileNames.text(of: [0xCE, 0xF7, 0xB3, 0xC7] + Array("/六月.yaml".utf8))
        #expect(gbk.text == "\\xCE\\xF7\\xB3\\xC7/六月.yaml" && gbk.problem == .notUTF8(looksGBK: true))
        // A lone 0xFF is no GBK character; a character cut short keeps its valid neighbours.
        let stray = FileNames.text(of: Array("2022-05".utf8) + [0xFF] + Array(".yaml".utf8))
        #expect(stray.text == "2022-05\\xFF.yaml" && stray.problem == .notUTF8(looksGBK: false))
        let cut = FileNames.text(of: [0xE6, 0x9C] + Array("月".utf8))
        #expect(cut.text == "\\xE6\\x9C月")
    }

    @Test func controlCharactersAreShownAsCodePoints() {
        // A line break, a terminal escape, and a right-to-left override that shows "lmay.exe" as "exe.yaml".
        let name = FileNames.text(of: Array("a\nb\u{1B}[2K\u{202E}lmay.exe\u{85}".utf8))
        #expect(name.text == "a\\u{A}b\\u{1B}[2K\\u{202E}lmay.exe\\u{85}" && name.problem == .controlCharacter)
        // Not UTF-8 is the problem named first.
        #expect(FileNames.text(of: [0x0A, 0xFF]) == ("\\u{A}\\xFF", .notUTF8(looksGBK: false)))
    }
}
