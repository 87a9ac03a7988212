import Foundation
import DubanYAML

/// Reads a status file straight from libyaml's events, without building a document first: the
/// fast path of `SubmissionLoader`.
///
/// It accepts only a file that `StatusFileDecoder` reads without a single finding, and gives the
/// `Submission` that it gives. At the first thing it would have to explain (any problem, and a
/// few rare forms it leaves to the full reader: `ledgers:`, a null where a value is required)
/// it gives up with nil, and `StatusFileDecoder` reads the file again and explains. Every check it makes is the full
/// reader's own (`Scalars.isText`, `Scalars.number(plain:)`, `Day(isoBytes:)`, …);
/// `StatusFileEventDecoderTests` and the `status` fuzz target hold the two to the same result.
///
/// A class, one per file: the closures that read the file's mappings capture it, and capturing a
/// struct copies it, retaining every part of the rule set it holds — parts that the threads
/// reading files at once all share, whose counts they would take from each other's caches.
final class StatusFileEventDecoder {
    let set: RuleSet
    let file: String
    /// The department owning the folder the file sits in, if any (`StatusFileDecoder.folderSender`).
    let folderSender: Department?
    let asOf: Day

    init(set: RuleSet, file: String, folderSender: Department?, asOf: Day) {
        self.set = set
        self.file = file
        self.folderSender = folderSender
        self.asOf = asOf
    }

    /// The submission, or nil when the file needs `StatusFileDecoder`.
    func decode(_ bytes: [UInt8], limits: YAMLLimits) -> Submission? {
        YAMLEvents.read(bytes, limits: limits) { events in submission(&events) }
    }

    private static let fileKeys: [StaticString] = ["department", "period", "submitted", "tasks", "metrics"]
    private static let taskKeys: [StaticString] = ["rule", "status", "progress", "completed", "milestones", "note"]
    private static let milestoneKeys: [StaticString] = ["due", "completed"]
    private static let metricKeys: [StaticString] = ["metric", "value", "scope", "note"]

    /// A metric report before the file's department is known (it gives the default scope).
    private struct Figure {
        var metric: String
        var value: Decimal
        var scope: String?
        var mark: Mark
    }

    private func submission(_ events: inout YAMLEventStream) -> Submission? {
        guard events.next()?.kind == .mappingStart else { return nil }
        var department: Department?, departmentMark = Mark.start
        var period: YearMonth?, submitted: Day?
        var tasks: [TaskReport] = [], figures: [Figure] = []
        var seenRules = [Bool](repeating: false, count: set.rules.count)
        let read = Self.pairs(&events, keys: Self.fileKeys) { key, value, events in
            switch key {
            case 0:
                guard let text = text(value), case .department(let d)? = set.departments.resolve(text) else { return false }
                department = d
                departmentMark = value.mark
            case 1:
                period = value.isNull ? nil : YearMonth(isoBytes: value.bytes)
                return period != nil
            case 2:
                submitted = value.isNull ? nil : Day(isoBytes: value.bytes)
                return submitted != nil
            case 3:
                return Self.items(value, &events) { item, events in
                    guard let task = task(item, &events, seenRules: &seenRules) else { return false }
                    tasks.append(task)
                    return true
                }
            default:
                return Self.items(value, &events) { item, events in
                    guard let figure = figure(item, &events) else { return false }
                    figures.append(figure)
                    return true
                }
            }
            return true
        }
        guard read, let department, let period, let submitted, submitted <= asOf, submitted >= period.firstDay,
              folderSender == nil || folderSender == department,
              tasks.allSatisfy({ ($0.completed.map { $0 <= submitted } ?? true) && $0.milestones.allSatisfy { $0.completed <= submitted } })
        else { return nil }
        var metrics: [MetricReport] = []
        for figure in figures {
            let scope = figure.scope ?? (department.type == .district ? department.slug : "city")
            // A second report of the same figure is a finding.
            if metrics.contains(where: { $0.metric == figure.metric && $0.scope == scope }) { return nil }
            metrics.append(MetricReport(metric: figure.metric, value: figure.value, scope: scope, location: location(figure.mark)))
        }
        return Submission(file: file, department: department, period: period, submitted: submitted,
                          tasks: tasks, metrics: metrics, location: location(departmentMark))
    }

    /// One entry of `tasks:`, whose first event is `start`.
    private func task(_ start: YAMLEvent, _ events: inout YAMLEventStream, seenRules: inout [Bool]) -> TaskReport? {
        guard start.kind == .mappingStart else { return nil }
        var ruleIndex: Int?, status: TaskReport.Status?, progress: Decimal?, completed: Day?
        var milestones: [(due: Day, completed: Day)] = []
        let read = Self.pairs(&events, keys: Self.taskKeys) { key, value, events in
            switch key {
            case 0:
                // Read where it stands: a known id is text, and no String is built for it.
                guard Self.isText(value), let index = set.index(ofRule: value.bytes), !seenRules[index] else { return false }
                seenRules[index] = true
                ruleIndex = index
            case 1:
                status = value.isNull ? nil : TaskReport.Status(utf8: value.bytes)
                return status != nil
            case 2:
                guard !value.isNull else { return true }
                guard let number = Self.number(value), number.isWithin(0...1) else { return false }
                progress = number.value
            case 3:
                guard !value.isNull else { return true }
                completed = Self.day(value)
                return completed != nil
            case 4:
                return Self.items(value, &events) { item, events in
                    guard let milestone = Self.milestone(item, &events) else { return false }
                    milestones.append(milestone)
                    return true
                }
            default:
                return value.isNull || Self.isText(value)
            }
            return true
        }
        guard read, let ruleIndex, let status, (status == .done) == (completed != nil) else { return nil }
        return TaskReport(ruleIndex: ruleIndex, status: status, progress: progress, completed: completed,
                          milestones: milestones, location: location(start.mark))
    }

    private static func milestone(_ start: YAMLEvent, _ events: inout YAMLEventStream) -> (due: Day, completed: Day)? {
        guard start.kind == .mappingStart else { return nil }
        var due: Day?, completed: Day?
        let read = pairs(&events, keys: milestoneKeys) { key, value, _ in
            if key == 0 { due = day(value) } else { completed = day(value) }
            return (key == 0 ? due : completed) != nil
        }
        guard read, let due, let completed else { return nil }
        return (due, completed)
    }

    /// One entry of `metrics:`.
    private func figure(_ start: YAMLEvent, _ events: inout YAMLEventStream) -> Figure? {
        guard start.kind == .mappingStart else { return nil }
        var metric: String?, value: Decimal?, scope: String?
        let read = Self.pairs(&events, keys: Self.metricKeys) { key, event, _ in
            switch key {
            case 0:
                guard let id = text(event), set.metrics[id] != nil else { return false }
                metric = id
            case 1:
                value = Self.number(event)?.value
                return value != nil
            case 2:
                guard !event.isNull else { return true }
                guard let name = text(event) else { return false }
                if name == "city" {
                    scope = name
                } else if case .department(let d)? = set.departments.resolve(name), d.type == .district {
                    scope = d.slug
                } else {
                    return false
                }
            default:
                return event.isNull || Self.isText(event)
            }
            return true
        }
        guard read, let metric, let value else { return nil }
        return Figure(metric: metric, value: value, scope: scope, mark: start.mark)
    }

    // MARK: Values, read as `MappingReader` and `Scalars` read them

    /// Text (`MappingReader.string`): a scalar, not null, not a YAML 1.1 surprise.
    private func text(_ event: YAMLEvent) -> String? {
        Self.isText(event) ? String(decoding: event.bytes, as: UTF8.self) : nil
    }

    private static func isText(_ event: YAMLEvent) -> Bool {
        event.kind == .scalar && !event.isNull && Scalars.isText(event.bytes, style: event.style)
    }

    /// A number (`MappingReader.number`): plain, read by `Scalars.number(plain:)`.
    private static func number(_ event: YAMLEvent) -> Scalars.Number? {
        guard event.kind == .scalar, event.style == .plain else { return nil }
        return Scalars.number(plain: event.bytes)
    }

    /// A day written `YYYY-MM-DD` (`MappingReader.day`), not null.
    private static func day(_ event: YAMLEvent) -> Day? {
        guard event.kind == .scalar, !event.isNull else { return nil }
        return Day(isoBytes: event.bytes)
    }

    // MARK: Collections

    /// Reads the pairs of a mapping whose start was just taken, up to its end: `body` gets each
    /// key's position in `keys` and the first event of its value, and reads the rest of the value.
    /// False when a key is not one of `keys` or comes twice, or `body` gives up.
    private static func pairs(_ events: inout YAMLEventStream, keys: [StaticString],
                              _ body: (Int, YAMLEvent, inout YAMLEventStream) -> Bool) -> Bool {
        var seen = 0
        while true {
            guard let key = events.next() else { return false }
            if key.kind == .mappingEnd { return true }
            guard key.kind == .scalar, let k = keys.firstIndex(where: { Self.equal(key.bytes, $0) }), seen & (1 << k) == 0 else { return false }
            seen |= 1 << k
            guard let value = events.next(), body(k, value, &events) else { return false }
        }
    }

    /// Reads a list whose first event is `start` (a null is an empty list), calling `body` with
    /// the first event of each item. False when `start` is neither, or `body` gives up.
    private static func items(_ start: YAMLEvent, _ events: inout YAMLEventStream,
                              _ body: (YAMLEvent, inout YAMLEventStream) -> Bool) -> Bool {
        if start.isNull { return true }
        guard start.kind == .sequenceStart else { return false }
        while true {
            guard let item = events.next() else { return false }
            if item.kind == .sequenceEnd { return true }
            guard body(item, &events) else { return false }
        }
    }

    /// A key against a name, as bytes (with `String` keys, reading a 1,000-file corpus cost
    /// ≈ 14 M instructions more).
    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        Node.equal(bytes, UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }

    private func location(_ mark: Mark) -> Violation.Location {
        Violation.Location(file: file, line: mark.line, column: mark.column)
    }
}
