public import Foundation

/// A rules directory with one rule of every kind the evaluator checks, and a scratch inputs
/// folder to write status files into. Dates use the real 2022–2023 calendar.
public struct EvaluationFixture {
    public let rules: URL
    public let inputs: URL

    static let documents = """
    documents:
      - key: pollution
        number: 京政办发〔2022〕6号
        title: 行动计划
        en: Action plan
        issued: 2022-02-21
        year: 2022
      - key: medins
        number: 京政办发〔2022〕8号
        title: 实施办法
        en: Measures
        issued: 2022-03-06
        year: 2022

    """

    static let departments = """
    departments:
      - {name: 市生态环境局, en: Ecology, slug: shengtaihuanjing, type: municipal}
      - {name: 市水务局, en: Water, slug: shuiwu, type: municipal, variants: [北京市水务局]}
      - {name: 市医保局, en: Healthcare Security, slug: yibao, type: municipal}
      - {name: 东城区政府, en: Dongcheng, slug: dongcheng, type: district}
      - {name: 西城区政府, en: Xicheng, slug: xicheng, type: district}
    groups:
      - {name: 各区政府, en: All districts, slug: all-districts, members: [dongcheng, xicheng]}
      - {name: 相关区政府, en: Districts concerned, slug: relevant-districts}

    """

    static let metrics = """
    metrics:
      - {id: forest_coverage_pct, name: 森林覆盖率, en: Forest coverage, unit: "%", better: higher, aggregation: level}
      - {id: sewage_pipe_new_km, name: 新建污水管线, en: New sewage pipes, unit: 公里, better: higher, aggregation: cumulative}
      - {id: contaminated_plot_safe_use_pct, name: 污染地块安全利用率, en: Safe use of plots, unit: "%", better: higher, aggregation: level}
      - {id: co2_intensity_drop_pct, name: 碳排放强度下降率, en: CO2 intensity drop, unit: "%", better: higher, aggregation: level}
      - {id: retiree_credit_under70_yuan_month, name: 划入标准, en: Retiree credit, unit: 元/月, better: none, aggregation: level}

    """

    static let notice = """
    document: pollution
    section: notice
    rules:
      - id: pollution.notice.monthly-report
        kind: monthly-report
        citation: {section: 四, quote: 每月第三个工日前向市生态环境局报送上月工作进展情况。}
        roles: {lead: [市生态环境局]}
        report: {recipient: 市生态环境局, due_working_day: 3, first_period: 2022-04, last_period: 2022-06, owed_by: annex-roles}

    """

    static let climate = """
    document: pollution
    annex: 1
    section: climate
    rules:
      - id: pollution.climate.1.1
        kind: deadline
        citation: {item: 1, measure: 1, quote: 6月底前完成。}
        roles: {lead: [市生态环境局]}
        deadline: {phrase: 6月底前}
      - id: pollution.climate.2.1
        kind: ongoing
        citation: {item: 2, measure: 1, quote: 长期实施。}
        roles: {lead: [市水务局]}
        deadline: {phrase: 长期实施}
      - id: pollution.climate.3.1
        kind: milestones
        citation: {item: 3, measure: 1, quote: 3月底前启动，6月底前完成。}
        roles: {lead: [市水务局]}
        deadline:
          phrase: 按时间节点完成
          milestones:
            - {due: 2022-03-31, text: 3月底前启动}
            - {due: 2022-06-30, text: 6月底前完成}
      - id: pollution.climate.4.1
        kind: window
        citation: {item: 4, measure: 1, quote: 夏季(6—9月)错峰。}
        roles: {lead: [市水务局]}
        deadline: {phrase: 6—9月}
      - id: pollution.climate.5.1
        kind: deadline
        citation: {item: 5, measure: 1, quote: 新建污水管线740公里，森林覆盖率达到44.8%，碳排放强度下降3%左右。}
        roles: {lead: [市水务局], responsible: [各区政府]}
        deadline: {phrase: 年底前}
        targets:
          - {metric: sewage_pipe_new_km, op: ">=", value: 740, scope: city}
          - {metric: forest_coverage_pct, op: ">=", value: 44.8, scope: city}
          - {metric: co2_intensity_drop_pct, op: about, value: 3, tolerance: 0.15, scope: districts}
      - id: pollution.climate.6.1
        kind: deadline
        citation: {item: 6, measure: 1, quote: 各区6月底前完成。}
        roles: {lead: [各区政府]}
        deadline: {phrase: 6月底前}
      - id: pollution.climate.7.1
        kind: deadline
        citation: {item: 7, measure: 1, quote: 相关区年底前完成。}
        roles: {lead: [相关区政府]}
        deadline: {phrase: 年底前}

    """

    static let districts = """
    document: pollution
    annex: 6
    section: districts
    rules:
      - id: pollution.districts.dongcheng.contaminated_plot_safe_use_pct
        kind: indicator
        citation: {item: 1, measure: 9, quote: 东城区 >93}
        roles: {lead: [东城区政府]}
        targets:
          - {metric: contaminated_plot_safe_use_pct, op: ">", value: 93, scope: dongcheng, due: 2022-06-30}

    """

    static let medins = """
    document: medins
    rules:
      - id: medins.retiree-credit-under70
        kind: standard
        citation: {section: 二（三）, quote: 不满70周岁的按100元/月标准划入}
        roles: {lead: [市医保局]}
        standard:
          metric: retiree_credit_under70_yuan_month
          adjusted_by: [市医保局]
          values:
            - {effective: 2022-03-06, value: 100, unit: 元/月}
            - {effective: 2022-06-01, value: 105, unit: 元/月}

    """

    public init() {
        let root = TestPaths.scratchDirectory("duban-eval")
        rules = root.appendingPathComponent("rules")
        inputs = root.appendingPathComponent("inputs")
        let calendar = TestPaths.rules.appendingPathComponent("calendar")
        let files: [String: String] = [
            "documents.yaml": Self.documents, "departments.yaml": Self.departments, "metrics/all.yaml": Self.metrics,
            "calendar/2022.yaml": try! String(contentsOf: calendar.appendingPathComponent("2022.yaml"), encoding: .utf8),
            "calendar/2023.yaml": try! String(contentsOf: calendar.appendingPathComponent("2023.yaml"), encoding: .utf8),
            "pollution/notice.yaml": Self.notice, "pollution/climate.yaml": Self.climate,
            "pollution/districts.yaml": Self.districts, "medins.yaml": Self.medins,
        ]
        for (path, text) in files { write(text, to: rules.appendingPathComponent(path)) }
        try! FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
    }

    /// Writes a status file at `inputs/<path>` and returns its path.
    @discardableResult
    public func submit(_ path: String, _ text: String) -> String {
        let url = inputs.appendingPathComponent(path)
        write(text, to: url)
        return url.path
    }

    /// A complete, on-time report of 市水务局 for a month (every owed rule), to vary per test.
    public static func waterReport(_ period: String, submitted: String, extra: String = "", climate3: String = "in-progress", climate5: String = "in-progress") -> String {
        """
        department: 市水务局
        period: \(period)
        submitted: \(submitted)
        tasks:
          - rule: pollution.climate.2.1
            status: in-progress
          - rule: pollution.climate.3.1
            status: \(climate3)
          - rule: pollution.climate.5.1
            status: \(climate5)
        \(extra)
        """
    }

    private func write(_ text: String, to url: URL) {
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: url)
    }
}
