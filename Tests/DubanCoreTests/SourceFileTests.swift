import Foundation
import Testing
import TestSupport
@testable import DubanCore

/// What a folder walk cannot look into is listed with why, so that it is reported, never dropped.
@Suite struct FolderWalkTests {
    @Test func aFolderThatCannotBeOpenedIsListedWithWhy() {
        let gone = TestPaths.scratchDirectory().appendingPathComponent("gone").path
        let listed = SourceFile.yamlFiles(under: gone)
        #expect(listed.map(\.path) == [""])
        #expect(listed.first?.failure?.text.en == "folder cannot be read (No such file or directory); no file in it was read")
    }

    @Test(.disabled(if: geteuid() == 0, "root opens a folder of mode 000"))
    func aFolderWithoutPermissionIsListedWithWhy() throws {
        let root = TestPaths.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let locked = root.appendingPathComponent("dongcheng")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try Data("department: 东城区政府\n".utf8).write(to: locked.appendingPathComponent("2022-06.yaml"))
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
        let listed = SourceFile.yamlFiles(under: root.path)
        #expect(listed.map(\.path) == ["dongcheng/"])
        #expect(listed.first?.failure?.text.en == "folder cannot be read: permission denied; no file in it was read")
    }

    /// A link to a folder is listed with why it is not walked: it could lead anywhere (the root,
    /// another department's folder) or back up into a loop. A link named as YAML is a file.
    @Test func linksToFoldersAreListedNotWalked() throws {
        let root = TestPaths.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("store/shuiwu"), withIntermediateDirectories: true)
        try Data().write(to: root.appendingPathComponent("store/shuiwu/2022-06.yaml"))
        try fm.createDirectory(at: root.appendingPathComponent("inputs/dongcheng"), withIntermediateDirectories: true)
        try Data().write(to: root.appendingPathComponent("inputs/dongcheng/2022-06.yaml"))
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("inputs/shuiwu").path, withDestinationPath: "../store/shuiwu")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("inputs/dongcheng/up").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("inputs/dongcheng/2022-07.yaml").path, withDestinationPath: "2022-06.yaml")
        let listed = SourceFile.yamlFiles(under: root.appendingPathComponent("inputs").path)
        #expect(listed.map(\.path) == ["dongcheng/2022-06.yaml", "dongcheng/2022-07.yaml", "dongcheng/up/", "shuiwu/"])
        let why = "symbolic link to a folder: not followed, so no file in it was read; give duban the folder itself, or copy the files here"
        #expect(listed.map { $0.failure?.text.en } == [nil, nil, why, why])
    }

    /// `.YAML` is a YAML file too: a Windows system may write the extension in capitals.
    @Test func extensionsAreReadInAnyCase() throws {
        let root = TestPaths.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for name in ["a.YAML", "b.Yml", "c.yaml", "d.yaml.txt", "e.xlsx", "yaml", ".hidden.yaml"] {
            try Data().write(to: root.appendingPathComponent(name))
        }
        #expect(SourceFile.yamlFiles(under: root.path).map(\.path) == ["a.YAML", "b.Yml", "c.yaml"])
    }

    @Test func namesThatAreNotUTF8AreListedWithWhy() throws {
        let root = TestPaths.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try TestPaths.write([], in: root, named: [Array("shuiwu".utf8), Array("2022-05".utf8) + [0xFF] + Array(".yaml".utf8)])
        try TestPaths.write([], in: root, named: [Array("shuiwu".utf8), Array("2022-06.yaml".utf8)])
        try TestPaths.write([], in: root, named: [Array("shuiwu".utf8), Array("2022-07\n.yaml".utf8)])
        let listed = SourceFile.yamlFiles(under: root.path)
        #expect(listed.map(\.path) == ["shuiwu/2022-05\\xFF.yaml", "shuiwu/2022-06.yaml", "shuiwu/2022-07\\u{A}.yaml"])
        #expect(listed.map { $0.failure?.text.en } == [
            "the path is not UTF-8 (its stray bytes are shown as \\xNN): rename the file or its folder", nil,
            "the path holds a control character (shown as \\u{NNNN}), which would print as something else: rename the file or its folder",
        ])
    }
}
