import Foundation
import Testing
import TestSupport
@testable import DubanCore

@Suite struct RulesValidityTests {
    @Test func rulesHaveNoErrors() {
        let errors = RulesData.loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map { "\($0.location): \($0.message)" }.joined(separator: "\n"))")
    }

    @Test func theOnlyWarningsAreUnresolvedGroups() {
        let other = RulesData.loaded.diagnostics.filter { $0.severity == .warning && !$0.message.hasPrefix("leans on the unresolved group") }
        #expect(other.isEmpty, "\(other.map(\.message))")
    }

    /// OCR and abbreviated spellings found in the source resolve to their canonical unit.
    @Test(arguments: [
        ("海淀区区政府", "海淀区政府"), ("通州区区政府", "通州区政府"), ("市住房和城乡建设委", "市住房城乡建设委"),
        ("市住建委", "市住房城乡建设委"), ("市卫健委", "市卫生健康委"), ("经开区", "北京经济技术开发区管委会"),
        ("北京冬奥组委总体策划部", "北京冬奥组委总体策划部"), ("中国铁路北京局集团有限公司", "中国铁路北京局集团有限公司"),
        ("人民银行营业管理部", "人民银行营业管理部"), ("bda", "北京经济技术开发区管委会"), ("shuiwu", "市水务局"),
    ])
    func variantSpellingsResolve(written: String, canonical: String) {
        #expect(RulesData.set.departments.resolve(written)?.name == canonical)
    }

    @Test func allDistrictsGroupHasTheSeventeenUnits() throws {
        let group = try #require(RulesData.set.departments.resolve("各区政府 (含北京经济技术开发区管委会)"))
        let slugs = RulesData.set.departments.members(of: group).map(\.slug)
        #expect(slugs == ["dongcheng", "xicheng", "chaoyang", "haidian", "fengtai", "shijingshan", "mentougou", "fangshan",
                          "tongzhou", "shunyi", "changping", "daxing", "pinggu", "huairou", "miyun", "yanqing", "bda"])
    }

    @Test func theProjectCopyOfTheSourceMatchesShared() throws {
        let shared = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds/gazette-2022-17.txt")
        guard FileManager.default.fileExists(atPath: shared.path) else { return }  // a clone without ../shared
        #expect(try Data(contentsOf: shared) == Data(contentsOf: TestPaths.sourceText))
    }

    @Test func calendarMatchesTheStateCouncilNotices() {
        let calendar = RulesData.set.calendar
        #expect(calendar.years == [2022, 2023])
        #expect(calendar.isWorkingDay(Day(iso: "2022-10-08")!) == true)
        #expect(calendar.isWorkingDay(Day(iso: "2022-10-09")!) == true)
        #expect(calendar.isWorkingDay(Day(iso: "2022-05-07")!) == true)
        #expect(calendar.isWorkingDay(Day(iso: "2022-06-03")!) == false)
        #expect(calendar.isWorkingDay(Day(iso: "2022-09-12")!) == false)
        #expect(calendar.reportDueDay(for: YearMonth(iso: "2022-01")!) == Day(iso: "2022-02-09"))
        #expect(calendar.reportDueDay(for: YearMonth(iso: "2022-04")!) == Day(iso: "2022-05-07"))
        #expect(calendar.reportDueDay(for: YearMonth(iso: "2022-09")!) == Day(iso: "2022-10-10"))
        #expect(calendar.reportDueDay(for: YearMonth(iso: "2022-12")!) == Day(iso: "2023-01-05"))
        // 365 days − 105 weekend days − 18 holidays on weekdays + 7 make-up days, in both years.
        for (year, expected) in [(2022, 249), (2023, 249)] {
            let count = (1...12).map { calendar.workingDays(in: YearMonth(year: year, month: $0)!)!.count }.reduce(0, +)
            #expect(count == expected, "\(year)")
        }
    }
}
