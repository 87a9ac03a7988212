import Testing
import DubanYAML

@Suite struct FileNamesTests {
    @Test func aUTF8NameIsItself() {
        let name = FileNames.text(of: Array("2022-06报送.yaml".utf8))
        #expect(name.text == "2022-06报送.yaml" && name.isUTF8 && !name.looksGBK)
    }

    @Test func strayBytesAreShownAsHexAndGBKIsRecognised() {
        // 西城 in GBK, then UTF-8 text: only the GBK bytes are escaped.
        let gbk = FileNames.text(of: [0xCE, 0xF7, 0xB3, 0xC7] + Array("/六月.yaml".utf8))
        #expect(gbk.text == "\\xCE\\xF7\\xB3\\xC7/六月.yaml" && !gbk.isUTF8 && gbk.looksGBK)
        // A lone 0xFF is no GBK character; a character cut short keeps its valid neighbours.
        let stray = FileNames.text(of: Array("2022-05".utf8) + [0xFF] + Array(".yaml".utf8))
        #expect(stray.text == "2022-05\\xFF.yaml" && !stray.isUTF8 && !stray.looksGBK)
        let cut = FileNames.text(of: [0xE6, 0x9C] + Array("月".utf8))
        #expect(cut.text == "\\xE6\\x9C月")
    }
}
