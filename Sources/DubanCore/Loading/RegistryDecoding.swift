import DubanYAML

/// Decoders for the registry files: documents, departments, metrics, calendar years.
/// Each reads one parsed file into the rule set and logs every problem it finds.
enum RegistryDecoding {
    /// Lower-case ASCII letters and digits in parts joined by `separator`.
    static func isIdentifier(_ text: String, separator: Unicode.Scalar) -> Bool {
        isIdentifier(text, separators: [UInt8(ascii: separator)])
    }

    /// Parts of lower-case ASCII letters and digits, each non-empty, joined by any of `separators`
    /// (ASCII bytes), checked on the bytes.
    static func isIdentifier(_ text: String, separators: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { isIdentifier($0, separators: separators) }
    }

    private static func isIdentifier(_ bytes: UnsafeBufferPointer<UInt8>, separators: [UInt8]) -> Bool {
        var partLength = 0
        for b in bytes {
            if separators.contains(b) {
                guard partLength > 0 else { return false }
                partLength = 0
            } else if (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) {
                partLength += 1
            } else {
                return false
            }
        }
        return partLength > 0
    }

    static func documents(_ root: Node, into set: inout RuleSet, log: IssueLog) {
        guard let file = MappingReader(root, what: "documents file", keys: ["documents"], log: log) else { return }
        for item in file.list("documents", required: true) {
            guard let m = MappingReader(item, what: "document", keys: ["key", "number", "title", "en", "issued", "year"], log: log),
                  let key = m.string("key", required: true), let number = m.string("number", required: true),
                  let title = m.string("title", required: true), let issued = m.day("issued", required: true),
                  let year = m.int("year", required: true) else { continue }
            if set.documents[key] != nil {
                log.error("document key '\(key)' is defined twice", at: m.mark("key"))
            }
            set.documents[key] = Document(key: key, number: number, title: title, en: m.string("en") ?? "", issued: issued, year: year)
        }
    }

    static func departments(_ root: Node, into set: inout RuleSet, log: IssueLog) {
        guard let file = MappingReader(root, what: "departments file", keys: ["departments", "groups"], log: log) else { return }
        for item in file.list("departments", required: true) {
            guard let m = MappingReader(item, what: "department", keys: ["name", "en", "slug", "type", "variants"], log: log),
                  let name = m.string("name", required: true), let slug = slug(m, log: log) else { continue }
            let type = m.parsed("type", required: true, expected: Bilingual("one of \(Department.UnitType.allCases.map(\.rawValue).joined(separator: ", "))", zh: nil)) {
                Department.UnitType(rawValue: $0)
            }
            let d = Department(name: name, en: m.string("en", required: true) ?? "", slug: slug, type: type ?? .other,
                               variants: m.strings("variants").map(\.text))
            if let clash = set.departments.add(.department(d)) {
                log.error("'\(clash.spelling)' already names \(clash.holder.name); every spelling must name one unit", at: item.mark)
            }
        }
        var pending: [(DepartmentGroup, [(text: String, mark: Mark)], Node)] = []
        for item in file.list("groups") {
            guard let m = MappingReader(item, what: "group", keys: ["name", "en", "slug", "variants", "members"], log: log),
                  let name = m.string("name", required: true), let slug = slug(m, log: log) else { continue }
            let members = m.has("members") ? m.strings("members") : nil
            let g = DepartmentGroup(name: name, en: m.string("en", required: true) ?? "", slug: slug,
                                    variants: m.strings("variants").map(\.text), members: members?.map(\.text))
            pending.append((g, members ?? [], item))
        }
        for (group, members, item) in pending {
            var resolved: [String] = []
            for member in members {
                guard case .department(let d)? = set.departments.resolve(member.text) else {
                    let hint = set.departments.closestName(to: member.text).map { "; did you mean '\($0)'?" } ?? ""
                    log.error("group member '\(member.text)' is not a known department\(hint)", at: member.mark)
                    continue
                }
                resolved.append(d.slug)
            }
            var g = group
            if g.members != nil { g.members = resolved }
            if let clash = set.departments.add(.group(g)) {
                log.error("'\(clash.spelling)' already names \(clash.holder.name); every spelling must name one unit", at: item.mark)
            }
        }
    }

    static func metrics(_ root: Node, into set: inout RuleSet, log: IssueLog, file: String, origins: inout [String: String]) {
        guard let reader = MappingReader(root, what: "metrics file", keys: ["metrics"], log: log) else { return }
        for item in reader.list("metrics", required: true) {
            guard let m = MappingReader(item, what: "metric", keys: ["id", "name", "en", "unit", "better", "aggregation"], log: log),
                  let id = m.string("id", required: true) else { continue }
            if !isIdentifier(id, separator: "_") {
                log.error("metric id '\(id)' must be lower-case letters, digits and '_'", at: m.mark("id"))
            }
            let better = m.parsed("better", required: true, expected: "higher, lower or none") { Metric.Direction(rawValue: $0) }
            let aggregation = m.parsed("aggregation", required: true, expected: "level or cumulative") { Metric.Aggregation(rawValue: $0) }
            guard let name = m.string("name", required: true), let unit = m.string("unit", required: true),
                  let better, let aggregation else { continue }
            if let first = origins[id] {
                log.error("metric '\(id)' is already defined in \(first)", at: m.mark("id"))
                continue
            }
            origins[id] = "\(file):\(item.mark.line)"
            set.metrics[id] = Metric(id: id, name: name, en: m.string("en", required: true) ?? "", unit: unit,
                                     better: better, aggregation: aggregation)
        }
    }

    static func calendar(_ root: Node, into set: inout RuleSet, log: IssueLog) {
        guard let m = MappingReader(root, what: "calendar file", keys: ["year", "source", "holidays", "workdays"], log: log),
              let year = m.int("year", required: true) else { return }
        _ = m.string("source", required: true)
        if set.calendar.years.contains(year) {
            log.error("the calendar for \(year) is defined twice", at: m.mark("year"))
            return
        }
        var holidays: [WorkCalendar.Holiday] = []
        for item in m.list("holidays", required: true) {
            guard let h = MappingReader(item, what: "holiday", keys: ["name", "from", "to"], log: log),
                  let name = h.string("name", required: true), let from = h.day("from", required: true),
                  let to = h.day("to", required: true) else { continue }
            if to < from { log.error("holiday '\(name)' ends (\(to)) before it starts (\(from))", at: h.mark("to")) }
            if from.year != year && to.year != year {
                log.error("holiday '\(name)' lies outside \(year)", at: item.mark)
            }
            holidays.append(.init(name: name, from: from, to: to))
        }
        var makeUp: [WorkCalendar.MakeUpDay] = []
        for item in m.list("workdays") {
            guard let w = MappingReader(item, what: "make-up working day", keys: ["date", "for"], log: log),
                  let day = w.day("date", required: true), let holiday = w.string("for", required: true) else { continue }
            if !day.isWeekend {
                log.error("\(day) is a weekday already; a make-up working day falls on a weekend", at: w.mark("date"))
            }
            if day.year != year { log.error("\(day) lies outside \(year)", at: w.mark("date")) }
            makeUp.append(.init(day: day, holiday: holiday))
        }
        set.calendar.add(year: year, holidays: holidays, makeUpDays: makeUp)
    }

    private static func slug(_ m: MappingReader, log: IssueLog) -> String? {
        guard let slug = m.string("slug", required: true) else { return nil }
        if !isIdentifier(slug, separator: "-") {
            log.error("slug '\(slug)' must be lower-case letters, digits and '-'", at: m.mark("slug"))
        }
        return slug
    }
}

extension MappingReader {
    /// A real day written `YYYY-MM-DD`.
    func day(_ key: String, required: Bool = false) -> Day? {
        parsed(key, required: required, expected: Bilingual("a real day written YYYY-MM-DD", zh: "日历上存在的日期（写成 YYYY-MM-DD）"), bytes: Day.init(isoBytes:))
    }

    /// A month written `YYYY-MM`.
    func month(_ key: String, required: Bool = false) -> YearMonth? {
        parsed(key, required: required, expected: Bilingual("a month written YYYY-MM", zh: "月份（写成 YYYY-MM）"), bytes: YearMonth.init(isoBytes:))
    }
}
