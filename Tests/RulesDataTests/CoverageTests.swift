import Foundation
import Testing
@testable import DubanCore

/// The rules cover the source exactly, derived from the text independently of the rule files.
@Suite struct CoverageTests {
    static let sections = [1: "climate", 2: "air", 3: "water", 4: "soil", 5: "ecology"]

    /// The 序号 of an annex table: numbers that open a row. Stray page numbers (printed where a
    /// 序号 stands) fall outside the run 1…N and are dropped.
    static func itemNumbers(annex: Int) -> Set<Int> {
        var found = Set<Int>()
        for line in RulesData.annexLines(annex) {
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            guard (1...2).contains(digits.count), let n = Int(digits),
                  let next = line.dropFirst(digits.count).first, next == "\t" || next == " " else { continue }
            found.insert(n)
        }
        var run = Set<Int>()
        var n = 1
        while found.contains(n) { run.insert(n); n += 1 }
        return run
    }

    @Test(arguments: 1...5)
    func annexItemsAreCoveredExactly(annex: Int) {
        let expected = Self.itemNumbers(annex: annex)
        #expect(!expected.isEmpty)
        let covered = Set(RulesData.set.rules.filter {
            $0.citation.documentKey == "pollution" && $0.citation.annex == annex
        }.compactMap(\.citation.item))
        #expect(covered == expected, "annex \(annex): missing \(expected.subtracting(covered).sorted()), extra \(covered.subtracting(expected).sorted())")
        let prefix = "pollution.\(Self.sections[annex]!)."
        #expect(RulesData.set.rules.filter { $0.citation.annex == annex }.allSatisfy { $0.id.hasPrefix(prefix) })
    }

    static let districts = ["东城区": "dongcheng", "西城区": "xicheng", "朝阳区": "chaoyang", "海淀区": "haidian",
                            "丰台区": "fengtai", "石景山区": "shijingshan", "门头沟区": "mentougou", "房山区": "fangshan",
                            "通州区": "tongzhou", "顺义区": "shunyi", "昌平区": "changping", "大兴区": "daxing",
                            "平谷区": "pinggu", "怀柔区": "huairou", "密云区": "miyun", "延庆区": "yanqing", "经开区": "bda"]

    /// The 14 printed data cells of an annex-6 row, in the reading of rules/README.md:
    /// the unheaded constant 2.2 is the heavy-pollution-days share, `100(75,0)` is three values,
    /// and the soil-survey column holds no printed data (but the lone trailing `0`, see below).
    static let cellIndicators: [[String]] = [
        ["co2_intensity_drop_pct"], ["pm25_ugm3"], ["good_air_days_pct"], ["heavy_pollution_days_pct"],
        ["water_sections_on_target_pct", "water_good_share_pct", "water_inferior_v_share_pct"],
        ["farmland_safe_use_pct"], ["contaminated_plot_safe_use_pct"], ["nox_cut_t"], ["vocs_cut_t"], ["cod_cut_t"],
        ["nh3n_cut_t"], ["one_plant_one_policy_count"], ["diesel_roadside_checks_10k"], ["key_enterprise_reinspection_count"],
    ]

    @Test func annex6HasARuleForEveryFilledCell() throws {
        var expected: [String: String] = [:]  // rule id → printed value
        var lastDistrict = ""
        for line in RulesData.annexLines(6) {
            let cells = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard let first = cells.first else { continue }
            if let slug = Self.districts[first] {
                #expect(cells.count == 15, "\(first): \(cells.count - 1) data cells")
                lastDistrict = slug
                for (cell, indicators) in zip(cells.dropFirst(), Self.cellIndicators) where cell != "—" {
                    let values = cell.replacingOccurrences(of: "(", with: ",").replacingOccurrences(of: ")", with: "")
                        .split(separator: ",").map { $0.replacingOccurrences(of: ">", with: "") }
                    #expect(values.count == indicators.count, "\(first): \(cell)")
                    for (value, indicator) in zip(values, indicators) {
                        expected["pollution.districts.\(slug).\(indicator)"] = value
                    }
                }
            } else if cells == ["0"], lastDistrict == "bda" {
                // The lone wrapped cell after the 经开区 row.
                expected["pollution.districts.bda.soil_survey_plots"] = "0"
            }
        }
        #expect(expected.count == 269)
        let rules = RulesData.set.rules.filter { $0.citation.annex == 6 }
        var actual: [String: String] = [:]
        for rule in rules {
            actual[rule.id] = rule.targets.first.map { "\($0.value)" }
        }
        #expect(actual == expected)
        for rule in rules {
            #expect(rule.kind == .indicator)
            guard let target = rule.targets.first, case .district(let slug) = target.scope else {
                Issue.record("\(rule.id): no district target"); continue
            }
            #expect(rule.id.hasPrefix("pollution.districts.\(slug).") && target.metric == rule.id.split(separator: ".").last.map(String.init))
            #expect(rule.roles.lead.map(\.unit.slug) == [slug])
        }
    }
}
