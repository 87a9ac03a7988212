import Foundation
import Testing
import TestSupport
@testable import DubanCore

/// Runs the evaluator over the fixture's inputs as of a day.
private func check(_ fixture: EvaluationFixture, asOf: String) throws -> (violations: [Violation], result: SubmissionLoader.Result) {
    let (set, diagnostics) = try RuleSetLoader.load(directory: fixture.rules.path)
    #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
    let day = Day(iso: asOf)!
    let result = try SubmissionLoader.load(paths: [fixture.inputs.path], set: set, asOf: day)
    return (Evaluator(set: set, asOf: day).evaluate(result), result)
}

/// `kind rule department period` lines, for exact comparison.
private func summary(_ violations: [Violation], kinds: Set<Violation.Kind>? = nil) -> [String] {
    violations.filter { kinds?.contains($0.kind) ?? true }.map {
        [$0.kind.rawValue, $0.rule ?? "-", $0.department ?? "-", $0.period?.description ?? "-"].joined(separator: " ")
    }
}

private func water(_ period: String, submitted: String, extra: String = "", climate3: String = "in-progress", climate5: String = "in-progress") -> String {
    EvaluationFixture.waterReport(period, submitted: submitted, extra: extra, climate3: climate3, climate5: climate5)
}

@Suite struct MonthlyReportTests {
    @Test func dueDayIsOnTimeAndTheNextWorkingDayIsLate() throws {
        let f = EvaluationFixture()
        // April's report is due Saturday 2022-05-07, a make-up working day.
        f.submit("shuiwu/2022-04.yaml", water("2022-04", submitted: "2022-05-07"))
        f.submit("shengtaihuanjing/2022-04.yaml", "department: 市生态环境局\nperiod: 2022-04\nsubmitted: 2022-05-09\ntasks:\n  - {rule: pollution.climate.1.1, status: in-progress}\n")
        let (violations, _) = try check(f, asOf: "2022-05-10")
        #expect(summary(violations, kinds: [.lateReport, .missingReport]) == [
            "missing-report pollution.notice.monthly-report 东城区政府 2022-04",
            "late-report pollution.notice.monthly-report 市生态环境局 2022-04",
            "missing-report pollution.notice.monthly-report 西城区政府 2022-04",
        ])
        let late = try #require(violations.first { $0.kind == .lateReport })
        #expect(late.due == Day(iso: "2022-05-07"))
        #expect(late.evidence == Violation.Evidence(reported: "2022-05-09", required: "by 2022-05-07"))
        #expect(late.severity == .warning)
    }

    @Test func missingOnlyOnceTheDueDayHasPassed() throws {
        let f = EvaluationFixture()
        #expect(try summary(check(f, asOf: "2022-05-07").violations, kinds: [.missingReport]).isEmpty)
        #expect(try summary(check(f, asOf: "2022-05-08").violations, kinds: [.missingReport]).count == 4)
    }

    @Test func aSupersededReportIsListedAndItsFirstArrivalCounts() throws {
        let f = EvaluationFixture()
        f.submit("shuiwu/2022-04.yaml", water("2022-04", submitted: "2022-05-06"))
        f.submit("shuiwu/2022-04-fix.yaml", water("2022-04", submitted: "2022-05-10", climate5: "blocked"))
        let (violations, result) = try check(f, asOf: "2022-05-11")
        #expect(result.superseded.map(\.file) == [f.inputs.path + "/shuiwu/2022-04.yaml"])
        #expect(result.accepted.map(\.file) == [f.inputs.path + "/shuiwu/2022-04-fix.yaml"])
        #expect(summary(violations, kinds: [.lateReport]).isEmpty)
    }

    /// 700 status files of one department-month: the latest submission near the first, the first
    /// arrival near the last, unreadable files between; their names in file order.
    func manySubmissions(_ f: EvaluationFixture) -> (readable: [(file: String, submitted: String)], unreadable: [String]) {
        var readable: [(file: String, submitted: String)] = []
        var unreadable: [String] = []
        for n in 0..<700 {
            let name = String(format: "shuiwu/2022-04-%03d.yaml", n)
            if n % 97 == 13 {
                unreadable.append(f.submit(name, "department: [市水务局\n"))
                continue
            }
            let submitted = n == 5 ? "2022-05-20" : n == 650 ? "2022-05-05" : String(format: "2022-05-%02d", 6 + (n * 7) % 14)
            readable.append((f.submit(name, water("2022-04", submitted: submitted)), submitted))
        }
        return (readable, unreadable)
    }

    /// Files are decoded on all the cores and folded in file order as they come: what is kept
    /// and listed is what one pass over the files in order gives.
    @Test func manySubmissionsFoldAsOnePassInFileOrder() throws {
        let f = EvaluationFixture()
        let (readable, unreadable) = manySubmissions(f)
        let (_, result) = try check(f, asOf: "2022-05-21")
        let latest = f.inputs.path + "/shuiwu/2022-04-005.yaml"
        #expect(result.accepted.map(\.file) == [latest])
        let earlier = readable.filter { $0.file != latest }.sorted { ($0.submitted, $0.file) < ($1.submitted, $1.file) }
        #expect(result.superseded.map(\.file) == earlier.map(\.file))
        #expect(result.superseded.allSatisfy { $0.supersededBy == latest })
        #expect(result.arrivals.values.map(\.file) == [f.inputs.path + "/shuiwu/2022-04-650.yaml"])
        #expect(result.violations.map { $0.location?.file } == unreadable)
        #expect(result.violations.allSatisfy { $0.kind == .invalid })
        #expect(result.fileCount == 700)
    }

    /// Whatever order the threads finish the files in, they are folded in file order.
    @Test func filesFinishedInAnyOrderAreFoldedInFileOrder() throws {
        let f = EvaluationFixture()
        _ = manySubmissions(f)
        let (set, _) = try RuleSetLoader.load(directory: f.rules.path)
        let asOf = Day(iso: "2022-05-21")!
        let files = try SubmissionLoader.files(in: [f.inputs.path])
        let decoded = files.map { SubmissionLoader.decode(file: $0, set: set, asOf: asOf) }
        func folded(_ order: [Int]) -> [String] {
            let folding = SubmissionLoader.Folding(fileCount: files.count)
            for i in order { folding.add(decoded[i], at: i) }
            let result = folding.finished()
            return result.accepted.map(\.file) + ["|"] + result.superseded.map(\.file) + ["|"] + result.arrivals.values.map(\.file)
                + ["|"] + result.violations.map { $0.location?.file ?? "-" }
        }
        let inOrder = folded(Array(files.indices))
        #expect(inOrder == folded(files.indices.reversed()))
        // Pairs swapped, and every third file held back until the end.
        let swapped = stride(from: 0, to: files.count, by: 2).flatMap { $0 + 1 < files.count ? [$0 + 1, $0] : [$0] }
        #expect(inOrder == folded(swapped.filter { $0 % 3 != 0 } + swapped.filter { $0 % 3 == 0 }))
        // One accepted, 691 superseded, one arrival and 8 unreadable files, and 3 separators.
        #expect(inOrder.count == 1 + 691 + 1 + 8 + 3)
    }
}

@Suite struct ProgressTests {
    @Test func leavingOutAnOwedRuleIsUnreportedAndWindowsCountOnlyInTheirMonths() throws {
        let f = EvaluationFixture()
        f.submit("shuiwu/2022-05.yaml", """
            department: 市水务局
            period: 2022-05
            submitted: 2022-06-02
            tasks:
              - {rule: pollution.climate.3.1, status: in-progress}
              - {rule: pollution.climate.5.1, status: in-progress}
            """)
        f.submit("shuiwu/2022-06.yaml", water("2022-06", submitted: "2022-07-05"))
        let (violations, _) = try check(f, asOf: "2022-07-05")
        #expect(summary(violations, kinds: [.unreported]) == [
            "unreported pollution.climate.2.1 市水务局 2022-05",
            "unreported pollution.climate.4.1 市水务局 2022-06",
        ])
    }

    @Test func ruleReportedDoneIsNoLongerOwed() throws {
        let f = EvaluationFixture()
        f.submit("shuiwu/2022-04.yaml", water("2022-04", submitted: "2022-05-06", climate5: "done\n    completed: 2022-04-20"))
        f.submit("shuiwu/2022-05.yaml", """
            department: 市水务局
            period: 2022-05
            submitted: 2022-06-02
            tasks:
              - {rule: pollution.climate.2.1, status: in-progress}
              - {rule: pollution.climate.3.1, status: in-progress}
            """)
        #expect(try summary(check(f, asOf: "2022-06-03").violations, kinds: [.unreported]).isEmpty)
    }
}

@Suite struct DeadlineTests {
    func report(_ status: String, submitted: String = "2022-07-05") -> String {
        "department: 市生态环境局\nperiod: 2022-06\nsubmitted: \(submitted)\ntasks:\n  - rule: pollution.climate.1.1\n    status: \(status)\n"
    }

    @Test func overdueOnlyAfterTheDeadline() throws {
        let f = EvaluationFixture()
        f.submit("shengtaihuanjing/2022-06.yaml", report("in-progress", submitted: "2022-06-30"))
        #expect(try summary(check(f, asOf: "2022-06-30").violations, kinds: [.overdue]).filter { $0.contains("climate.1.1") }.isEmpty)
        let (violations, _) = try check(f, asOf: "2022-07-01")
        let overdue = try #require(violations.first { $0.kind == .overdue && $0.rule == "pollution.climate.1.1" })
        #expect(overdue.department == "市生态环境局")
        #expect(overdue.due == Day(iso: "2022-06-30"))
        #expect(overdue.evidence == Violation.Evidence(reported: "in-progress (2022-06)", required: "done by 2022-06-30"))
        #expect(overdue.location?.line == 5)
    }

    @Test func doneOnTheDeadlineIsOnTimeAndTheDayAfterIsLate() throws {
        let f = EvaluationFixture()
        f.submit("shengtaihuanjing/2022-06.yaml", report("done\n    completed: 2022-06-30"))
        #expect(try summary(check(f, asOf: "2022-07-06").violations, kinds: [.overdue, .late]).filter { $0.contains("climate.1.1") }.isEmpty)
        let g = EvaluationFixture()
        g.submit("shengtaihuanjing/2022-06.yaml", report("done\n    completed: 2022-07-01"))
        #expect(try summary(check(g, asOf: "2022-07-06").violations, kinds: [.overdue, .late]).filter { $0.contains("climate.1.1") } == ["late pollution.climate.1.1 市生态环境局 -"])
    }

    @Test func eachMemberOfAGroupLeadIsAccountableForItsOwnSilence() throws {
        let f = EvaluationFixture()
        f.submit("dongcheng/2022-06.yaml", """
            department: 东城区政府
            period: 2022-06
            submitted: 2022-07-05
            tasks:
              - {rule: pollution.climate.5.1, status: in-progress}
              - {rule: pollution.climate.6.1, status: done, completed: 2022-06-28}
            """)
        #expect(try summary(check(f, asOf: "2022-07-06").violations, kinds: [.overdue]).filter { $0.contains("climate.6.1") } == [
            "overdue pollution.climate.6.1 西城区政府 -",
        ])
    }

    @Test func milestonesAreDeadlinesOfTheirOwn() throws {
        let f = EvaluationFixture()
        f.submit("shuiwu/2022-04.yaml", water("2022-04", submitted: "2022-05-06", climate3: "in-progress\n    milestones: [{due: 2022-03-31, completed: 2022-03-30}]"))
        #expect(try summary(check(f, asOf: "2022-05-06").violations, kinds: [.missedMilestone]).isEmpty)
        let g = EvaluationFixture()
        g.submit("shuiwu/2022-04.yaml", water("2022-04", submitted: "2022-05-06", climate3: "in-progress\n    milestones: [{due: 2022-03-31, completed: 2022-04-02}]"))
        let missed = try check(g, asOf: "2022-05-06").violations.filter { $0.kind == .missedMilestone }
        #expect(summary(missed) == ["missed-milestone pollution.climate.3.1 市水务局 -"])
        #expect(missed.first?.due == Day(iso: "2022-03-31"))
        #expect(missed.first?.evidence.reported == "completed 2022-04-02")
    }
}

extension DeadlineTests {
    @Test func aMilestoneOnceCompletedStaysCompleted() throws {
        let f = EvaluationFixture()
        f.submit("shuiwu/2022-04.yaml", water("2022-04", submitted: "2022-05-06", climate3: "in-progress\n    milestones: [{due: 2022-03-31, completed: 2022-03-30}]"))
        f.submit("shuiwu/2022-05.yaml", water("2022-05", submitted: "2022-06-02"))
        #expect(try summary(check(f, asOf: "2022-06-06").violations, kinds: [.missedMilestone]).isEmpty)
    }
}

@Suite struct TargetTests {
    func plots(_ value: String?) -> String {
        var text = "department: 东城区政府\nperiod: 2022-06\nsubmitted: 2022-07-05\ntasks:\n  - {rule: pollution.climate.5.1, status: in-progress}\n  - {rule: pollution.climate.6.1, status: done, completed: 2022-06-20}\n"
        if let value { text += "metrics:\n  - {metric: contaminated_plot_safe_use_pct, value: \(value)}\n" }
        return text
    }

    @Test(arguments: [("93.1", false), ("93", true), (nil, true)])
    func strictlyGreaterThan93(value: String?, missed: Bool) throws {
        let f = EvaluationFixture()
        f.submit("dongcheng/2022-06.yaml", plots(value))
        let found = try check(f, asOf: "2022-07-06").violations.filter { $0.kind == .targetMissed }
        #expect(found.count == (missed ? 1 : 0))
        if let v = found.first {
            #expect(v.department == "东城区政府")
            #expect(v.evidence == Violation.Evidence(reported: value.map { "\($0) %" }, required: "> 93 %"))
            #expect(v.scope == "dongcheng")
        }
    }

    @Test func notCheckedBeforeTheReportOnItsMonthIsDue() throws {
        let f = EvaluationFixture()
        f.submit("dongcheng/2022-06.yaml", plots("90"))
        #expect(try check(f, asOf: "2022-07-05").violations.filter { $0.kind == .targetMissed }.isEmpty)
    }

    @Test(arguments: [("2.9", false), ("5", false), ("2.8", true)])
    func aboutIsMetWithinToleranceOrBetter(value: String, missed: Bool) throws {
        let f = EvaluationFixture()
        for d in ["dongcheng", "xicheng"] {
            f.submit("\(d)/2022-12.yaml", "department: \(d)\nperiod: 2022-12\nsubmitted: 2023-01-05\nmetrics:\n  - {metric: co2_intensity_drop_pct, value: \(value)}\n")
        }
        let found = try check(f, asOf: "2023-01-06").violations.filter { $0.kind == .targetMissed && $0.metric == "co2_intensity_drop_pct" }
        #expect(found.count == (missed ? 2 : 0))
    }

    @Test func progressBehindTheElapsedShareIsOffPace() throws {
        func june(_ progress: String, km: String) -> String {
            water("2022-06", submitted: "2022-07-05", extra: "metrics:\n  - {metric: sewage_pipe_new_km, value: \(km)}",
                  climate5: "in-progress\n    progress: \(progress)")
        }
        let f = EvaluationFixture()
        f.submit("shuiwu/2022-06.yaml", june("0.45", km: "360"))
        let found = try check(f, asOf: "2022-07-06").violations.filter { $0.kind == .offPace }
        #expect(found.map { $0.evidence.reported } == ["45%", "360 公里"])
        #expect(found.map { $0.evidence.required } == [">= 49.6%", ">= 367 公里"])
        let g = EvaluationFixture()
        g.submit("shuiwu/2022-06.yaml", june("0.5", km: "370"))
        #expect(try check(g, asOf: "2022-07-06").violations.filter { $0.kind == .offPace }.isEmpty)
    }

    @Test func theStandardInForceIsTheOneOfTheMonth() throws {
        let f = EvaluationFixture()
        f.submit("yibao/2022-05.yaml", "department: 市医保局\nperiod: 2022-05\nsubmitted: 2022-06-02\nmetrics:\n  - {metric: retiree_credit_under70_yuan_month, value: 100}\n")
        f.submit("yibao/2022-06.yaml", "department: 市医保局\nperiod: 2022-06\nsubmitted: 2022-07-04\nmetrics:\n  - {metric: retiree_credit_under70_yuan_month, value: 100}\n")
        let found = try check(f, asOf: "2022-07-06").violations.filter { $0.kind == .standardMismatch }
        #expect(summary(found) == ["standard-mismatch medins.retiree-credit-under70 市医保局 2022-06"])
        #expect(found.first?.evidence == Violation.Evidence(reported: "100 元/月", required: "105 元/月"))
    }
}

@Suite struct RightsAndInputTests {
    @Test func reportingOnAnothersRuleOrFigureIsNotAssigned() throws {
        let f = EvaluationFixture()
        f.submit("dongcheng/2022-06.yaml", """
            department: 东城区政府
            period: 2022-06
            submitted: 2022-07-05
            tasks:
              - {rule: pollution.climate.5.1, status: in-progress}
              - {rule: pollution.climate.6.1, status: done, completed: 2022-06-20}
              - {rule: pollution.climate.2.1, status: in-progress}
              - {rule: pollution.climate.7.1, status: in-progress}
            metrics:
              - {metric: forest_coverage_pct, value: 45}
            """)
        let found = try check(f, asOf: "2022-07-06").violations.filter { $0.kind == .notAssigned }
        // climate.7.1 leans on an open group (相关区政府): it cannot be refused.
        #expect(found.map { "\($0.rule ?? $0.metric ?? "-") \($0.location?.line ?? 0)" } == ["forest_coverage_pct 10", "pollution.climate.2.1 7"])
    }

    @Test func aFigureForAnotherDistrictIsNotAssigned() throws {
        let f = EvaluationFixture()
        f.submit("dongcheng/2022-06.yaml", """
            department: 东城区政府
            period: 2022-06
            submitted: 2022-07-05
            metrics:
              - {metric: contaminated_plot_safe_use_pct, value: 95}
              - {metric: contaminated_plot_safe_use_pct, value: 95, scope: xicheng}
            """)
        let found = try check(f, asOf: "2022-07-06").violations.filter { $0.kind == .notAssigned }
        #expect(found.map { "\($0.metric ?? "-") \($0.scope ?? "-") \($0.location?.line ?? 0)" } == ["contaminated_plot_safe_use_pct xicheng 6"])
        #expect(found.first?.messageEN == "东城区政府 owes no figure for contaminated_plot_safe_use_pct (xicheng)")
    }

    @Test func aFileInAnothersFolderIsNotAssignedAndCountsForNobody() throws {
        let f = EvaluationFixture()
        f.submit("shuiwu/2022-04.yaml", "department: 东城区政府\nperiod: 2022-04\nsubmitted: 2022-05-06\n")
        let (violations, result) = try check(f, asOf: "2022-05-06")
        #expect(result.accepted.isEmpty)
        let v = try #require(violations.first { $0.kind == .notAssigned })
        #expect(v.department == "市水务局")
        #expect(v.location?.line == 1 && v.location?.column == 13)
    }

    /// Anywhere below a department's folder is its own: a folder named for another unit inside it
    /// does not let it report in that unit's name.
    @Test func aFileDeeperInADepartmentsFolderIsStillItsOwn() throws {
        let f = EvaluationFixture()
        f.submit("dongcheng/old/2022-04.yaml", "department: 市水务局\nperiod: 2022-04\nsubmitted: 2022-05-06\n")
        f.submit("dongcheng/shuiwu/2022-04.yaml", "department: 市水务局\nperiod: 2022-04\nsubmitted: 2022-05-06\n")
        let (violations, result) = try check(f, asOf: "2022-05-06")
        #expect(result.accepted.isEmpty)
        #expect(violations.filter { $0.kind == .notAssigned }.map { "\($0.department ?? "-") \($0.location?.file.split(separator: "/").suffix(3).joined(separator: "/") ?? "-")" }
                == ["东城区政府 dongcheng/old/2022-04.yaml", "东城区政府 dongcheng/shuiwu/2022-04.yaml"])
    }

    /// The outermost department folder counts, from the folder a check walks down: a folder above
    /// it (a user named bda, say) names nobody; a file named alone has only its own folder.
    @Test func theSenderIsTheOutermostDepartmentFolderFromWhereTheWalkStarts() throws {
        let (set, _) = try RuleSetLoader.load(directory: EvaluationFixture().rules.path)
        func sender(_ relative: String, under folder: String) -> String? {
            // As the walk of `folder` lists the file: its path starts with the folder.
            let listed = SourceFile.Listed(path: (folder.hasSuffix("/") ? folder : folder + "/") + relative)
            return SubmissionLoader.folderSender(of: .init(listed, sendersFrom: SubmissionLoader.Input.sendersFrom(walking: folder)), in: set)?.slug
        }
        #expect(sender("dongcheng/2022-06.yaml", under: "inputs") == "dongcheng")
        #expect(sender("dongcheng/shuiwu/2022-06.yaml", under: "inputs") == "dongcheng")
        #expect(sender("2022/shuiwu/06.yaml", under: "inputs//") == "shuiwu")
        #expect(sender("2022-06.yaml", under: "inputs/dongcheng/") == "dongcheng")
        #expect(sender("old/2022-06.yaml", under: "./inputs/dongcheng") == "dongcheng")
        #expect(sender("shuiwu/2022-06.yaml", under: "/home/xicheng/inputs") == "shuiwu")
        #expect(sender("2022-06.yaml", under: "/home/xicheng/inputs") == nil)
        #expect(sender("shuiwu/2022-06.yaml", under: "/") == "shuiwu")
        #expect(SubmissionLoader.folderSender(of: .init(file: "/data/xicheng/inputs/shuiwu//2022-06.yaml"), in: set)?.slug == "shuiwu")
        #expect(SubmissionLoader.folderSender(of: .init(file: "inputs/dongcheng/old/2022-06.yaml"), in: set) == nil)
        #expect(SubmissionLoader.folderSender(of: .init(file: "2022-06.yaml"), in: set) == nil)
    }

    @Test func unknownRuleSuggestsTheClosest() throws {
        let f = EvaluationFixture()
        f.submit("shuiwu/2022-04.yaml", water("2022-04", submitted: "2022-05-06", extra: "  - {rule: pollution.climate.2.11, status: done, completed: 2022-04-01}"))
        let v = try #require(try check(f, asOf: "2022-05-06").violations.first { $0.kind == .unknownRule })
        #expect(v.messageEN == "unknown rule id 'pollution.climate.2.11'; did you mean 'pollution.climate.2.1'?")
        #expect(v.location?.line == 11)
    }

    @Test func badEntriesAreInvalidAndTheRestStillCounts() throws {
        let f = EvaluationFixture()
        f.submit("shuiwu/2022-06.yaml", water("2022-06", submitted: "2022-07-05", extra: """
              - {rule: pollution.climate.4.1, status: done, completed: 2022-06-31}
            """))
        f.submit("dongcheng/2022-06.yaml", "department: 东城区政府\nperiod: 2022-06\nsubmitted: 2022-07-04\ntasks:\n  - {rule: pollution.climate.6.1, status: done, completed: 2022-07-05}\n")
        f.submit("xicheng/2022-06.yaml", "department: 西城区政府\nperiod: 2022-06\nsubmitted: 2022-07-04\nnote: \u{FFFD}\n")
        let (violations, result) = try check(f, asOf: "2022-07-06")
        let invalid = violations.filter { $0.kind == .invalid }.map { "\($0.location!.file.split(separator: "/").suffix(2).joined(separator: "/")):\($0.location!.line!):\($0.location!.column!) \($0.messageEN)" }
        #expect(invalid == [
            "dongcheng/2022-06.yaml:5:60 completed 2022-07-05 is after submitted 2022-07-04",
            "shuiwu/2022-06.yaml:11:60 task 'completed': expected a real day written YYYY-MM-DD, found '2022-06-31'",
            "xicheng/2022-06.yaml:4:1 unknown key 'note' in status file",
        ])
        // 市水务局's other entries still count: its report is not missing and 2.1 is not unreported.
        // 西城区政府's header is readable, so its file counts as its report despite the unknown key.
        #expect(result.accepted.map(\.department.slug).sorted() == ["dongcheng", "shuiwu", "xicheng"])
        #expect(!violations.contains { $0.kind == .unreported && $0.rule == "pollution.climate.2.1" })
    }

    @Test func anUnreadableFileDoesNotHideTheOthers() throws {
        let f = EvaluationFixture()
        f.submit("shuiwu/2022-04.yaml", water("2022-04", submitted: "2022-05-06"))
        let gbk = Data("department: ".utf8) + Data([0xCA, 0xD0, 0xCB, 0xAE, 0xCE, 0xF1, 0xBE, 0xD6, 0x0A])
        try gbk.write(to: f.inputs.appendingPathComponent("shuiwu/2022-05.yaml"))
        let (violations, result) = try check(f, asOf: "2022-06-07")
        let invalid = try #require(violations.first { $0.kind == .invalid })
        #expect(invalid.messageEN == "invalid UTF-8 (byte 0xCA); the file looks GBK-encoded: save it as UTF-8")
        #expect(invalid.location?.line == 1 && invalid.location?.column == 13)
        #expect(invalid.department == "市水务局")
        #expect(result.accepted.count == 1)
        #expect(violations.contains { $0.kind == .missingReport && $0.department == "市水务局" && $0.period?.description == "2022-05" })
    }

    @Test func fingerprintsDependOnWhatNotWhere() throws {
        let f = EvaluationFixture(), g = EvaluationFixture()
        f.submit("shuiwu/2022-06.yaml", water("2022-06", submitted: "2022-07-05"))
        g.submit("shuiwu/renamed/june.yaml", "# moved\n\n" + water("2022-06", submitted: "2022-07-05"))
        let a = try check(f, asOf: "2022-07-06").violations.filter { $0.kind == .unreported }
        let b = try check(g, asOf: "2022-07-06").violations.filter { $0.kind == .unreported }
        #expect(!a.isEmpty)
        #expect(a.map(\.fingerprint) == b.map(\.fingerprint))
        #expect(a.first?.fingerprint.count == 16)
    }
}
