/// libyaml's syntax errors in Chinese. libyaml (0.2.5) words each error as a problem ("found
/// unexpected end of stream") and, for most, the construct it was reading ("while scanning a
/// quoted scalar") with where that began; `YAMLParser` shows them in English as libyaml wrote
/// them, and in Chinese from these tables. The keys are every problem and context string of
/// libyaml's reader, scanner and parser; one libyaml does not know yet gets the English inside a
/// Chinese frame.
enum LibYAMLProblems {
    /// `YAML syntax error: <problem> (<context> at line L, column C)` in Chinese.
    static func zh(problem: String, context: String?, line: Int, column: Int) -> String {
        let what = problems[problem] ?? "libyaml 报告：\(problem)"
        guard let context else { return "YAML 语法错误：\(what)" }
        let reading = contexts[context].map { "读取第 \(line) 行第 \(column) 列起的\($0)时" }
            ?? "\(context)，第 \(line) 行第 \(column) 列"
        return "YAML 语法错误：\(what)（\(reading)）"
    }

    static let problems: [String: String] = [
        // Reader (encoding problems are found before libyaml sees the file; these stay as a net).
        "invalid leading UTF-8 octet": "无效的 UTF-8 首字节",
        "invalid trailing UTF-8 octet": "无效的 UTF-8 后续字节",
        "invalid Unicode character": "无效的 Unicode 字符",
        "incomplete UTF-16 character": "不完整的 UTF-16 字符",
        "unexpected low surrogate area": "意外的 UTF-16 低位代理",
        "incomplete UTF-16 surrogate pair": "不完整的 UTF-16 代理对",
        "input is too long": "输入过长",
        "incomplete UTF-8 octet sequence": "不完整的 UTF-8 字节序列",
        "invalid length of a UTF-8 sequence": "UTF-8 字节序列长度无效",
        "control characters are not allowed": "不允许出现控制字符",
        "input error": "读取输入出错",
        // Scanner.
        "could not find expected ':'": "找不到应有的冒号“:”",
        "did not find expected '!'": "找不到应有的“!”",
        "did not find expected tag URI": "找不到应有的标签 URI",
        "found unexpected ':'": "出现了意外的冒号“:”",
        "found unknown directive name": "出现了未知的指令名",
        "did not find the expected '>'": "找不到应有的“>”",
        "found extremely long version number": "版本号过长",
        "did not find expected version number": "找不到应有的版本号",
        "found a tab character where an indentation space is expected": "应当用空格缩进的位置出现了制表符（Tab）",
        "did not find URI escaped octet": "找不到应有的 URI 转义字节",
        "found an incorrect leading UTF-8 octet": "URI 转义中的 UTF-8 首字节不正确",
        "found an incorrect trailing UTF-8 octet": "URI 转义中的 UTF-8 后续字节不正确",
        "found a tab character that violates indentation": "制表符（Tab）破坏了缩进",
        "found an indentation indicator equal to 0": "缩进指示符不能为 0",
        "did not find expected comment or line break": "此处应为注释或换行",
        "found unexpected document indicator": "出现了意外的文档标记（--- 或 ...）",
        "found unexpected end of stream": "文件意外结束",
        "found unknown escape character": "出现了未知的转义字符",
        "did not find expected hexdecimal number": "此处应为十六进制数字",
        "found invalid Unicode character escape code": "Unicode 字符转义码无效",
        "did not find expected alphabetic or numeric character": "此处应为字母或数字",
        "could not find expected directive name": "找不到应有的指令名",
        "found unexpected non-alphabetical character": "出现了意外的非字母字符",
        "did not find expected digit or '.' character": "此处应为数字或“.”",
        "did not find expected whitespace": "此处应为空白",
        "did not find expected whitespace or line break": "此处应为空白或换行",
        "block sequence entries are not allowed in this context": "此处不能开始列表项“- ”",
        "mapping keys are not allowed in this context": "此处不能写键",
        "mapping values are not allowed in this context": "此处不能出现“键: 值”的冒号：请检查缩进；值中含有“: ”时请给整个值加引号",
        "found character that cannot start any token": "此处的字符不能作为任何内容的开头",
        // Parser.
        "found duplicate %TAG directive": "%TAG 指令重复",
        "found duplicate %YAML directive": "%YAML 指令重复",
        "found incompatible YAML document": "YAML 文档版本不兼容",
        "did not find expected <document start>": "此处应为文档开始标记（---）",
        "did not find expected node content": "此处应有内容，却没有",
        "did not find expected ',' or ']'": "此处应为“,”或“]”",
        "did not find expected '-' indicator": "此处应为列表项标记“-”",
        "did not find expected ',' or '}'": "此处应为“,”或“}”",
        "did not find expected <stream-start>": "找不到应有的流开始标记",
        "found undefined tag handle": "出现了未定义的标签前缀",
        "did not find expected key": "此处应有键，却没有找到，请检查缩进",
    ]

    /// What libyaml was reading, as a noun after 读取第 L 行第 C 列起的.
    static let contexts: [String: String] = [
        "while scanning a simple key": "键",
        "while scanning a block scalar": "多行文本块",
        "while scanning a tag": "标签",
        "while parsing a tag": "标签",
        "while scanning a tag directive": " %TAG 指令",
        "while parsing a tag directive": " %TAG 指令",
        "while scanning a %TAG directive": " %TAG 指令",
        "while parsing a %TAG directive": " %TAG 指令",
        "while scanning a %YAML directive": " %YAML 指令",
        "while scanning a directive": "指令",
        "while scanning a plain scalar": "不带引号的值",
        "while scanning a quoted scalar": "带引号的值",
        "while parsing a quoted scalar": "带引号的值",
        "while scanning an anchor": "锚点",
        "while scanning an alias": "别名",
        "while scanning for the next token": "内容",
        "while parsing a block collection": "列表",
        "while parsing a block mapping": "一组“键: 值”",
        "while parsing a block node": "值",
        "while parsing a flow node": "值",
        "while parsing a node": "值",
        "while parsing a flow sequence": "方括号列表（[ ]）",
        "while parsing a flow mapping": "花括号中的“键: 值”（{ }）",
    ]
}
