import DubanYAML

/// A unit named in the circulars: a municipal department, a district government, an agency.
public struct Department: Sendable, Hashable {
    /// How the unit sits in the administration.
    public enum UnitType: String, Sendable, Hashable, CaseIterable {
        case municipal, district, central, other
    }

    /// Canonical Chinese name, used in every output.
    public var name: String
    public var en: String
    public var slug: String
    public var type: UnitType
    /// Other spellings found in the source, OCR errors included.
    public var variants: [String]
    /// Position in the registry that holds it: equality and hashing use it, not the strings.
    public internal(set) var index = -1

    init(name: String, en: String, slug: String, type: UnitType, variants: [String]) {
        self.name = name
        self.en = en
        self.slug = slug
        self.type = type
        self.variants = variants
    }

    /// Departments come from one registry, where the index names the unit; the slug guards
    /// against comparing units of two registries.
    public static func == (a: Department, b: Department) -> Bool { a.index == b.index && a.slug == b.slug }

    public func hash(into hasher: inout Hasher) { hasher.combine(index) }
}

/// A set of units named together (各区政府（含北京经济技术开发区管委会）, 市相关部门).
public struct DepartmentGroup: Sendable, Hashable {
    public var name: String
    public var en: String
    public var slug: String
    public var variants: [String]
    /// Member slugs where the text names them; nil for a group the text leaves open.
    public var members: [String]?

    public var isResolved: Bool { members != nil }
}

/// What a written department reference stands for.
public enum Unit: Sendable, Hashable {
    case department(Department)
    case group(DepartmentGroup)

    public var name: String {
        switch self {
        case .department(let d): return d.name
        case .group(let g): return g.name
        }
    }

    public var slug: String {
        switch self {
        case .department(let d): return d.slug
        case .group(let g): return g.slug
        }
    }
}

/// Resolves any spelling of a unit — canonical name, slug or known variant — to the unit.
/// Matching ignores white space and treats ASCII and full-width parentheses alike.
public struct DepartmentRegistry: Sendable {
    public private(set) var departments: [Department] = []
    public private(set) var groups: [DepartmentGroup] = []
    private var index: [String: Unit] = [:]
    private var slugIndex: [String: Int] = [:]

    public init() {}

    /// Adds a unit; returns the unit already holding one of its spellings, if any.
    @discardableResult
    public mutating func add(_ unit: Unit) -> (spelling: String, holder: Unit)? {
        let spellings: [String]
        switch unit {
        case .department(let d): spellings = [d.name, d.slug] + d.variants
        case .group(let g): spellings = [g.name, g.slug] + g.variants
        }
        for spelling in spellings {
            if let holder = index[Self.normalize(spelling)] { return (spelling, holder) }
        }
        var unit = unit
        if case .department(var d) = unit {
            d.index = departments.count
            unit = .department(d)
        }
        for spelling in spellings { index[Self.normalize(spelling)] = unit }
        switch unit {
        case .department(let d):
            departments.append(d)
            slugIndex[d.slug] = d.index
        case .group(let g): groups.append(g)
        }
        return nil
    }

    public func resolve(_ reference: String) -> Unit? { index[Self.normalize(reference)] }

    public func department(slug: String) -> Department? { slugIndex[slug].map { departments[$0] } }

    /// The canonical name of the known unit closest to a reference, for "did you mean".
    public func closestName(to reference: String) -> String? {
        let key = Self.normalize(reference)
        guard let spelling = Suggestion.closest(to: key, in: index.keys) else { return nil }
        return index[spelling]?.name
    }

    /// The departments a unit stands for: itself, or a resolved group's members.
    public func members(of unit: Unit) -> [Department] {
        switch unit {
        case .department(let d): return [d]
        case .group(let g): return (g.members ?? []).compactMap { department(slug: $0) }
        }
    }

    /// Canonical names of role holders: a group with members expands to them, an open group
    /// stays itself; each name once, in order.
    public func names(_ holders: [RoleHolder]) -> [String] {
        // Every spelling names one unit, so units seen (by index or group slug) stand for names
        // seen, without hashing the Chinese names; the lists are short, so they are searched
        // rather than hashed.
        var seenDepartments: [Int] = [], seenGroups: [String] = []
        var out: [String] = []
        for holder in holders {
            switch holder.unit {
            case .group(let g) where g.isResolved:
                for d in members(of: holder.unit) where !seenDepartments.contains(d.index) {
                    seenDepartments.append(d.index)
                    out.append(d.name)
                }
            case .group(let g):
                if !seenGroups.contains(g.slug) {
                    seenGroups.append(g.slug)
                    out.append(g.name)
                }
            case .department(let d):
                if !seenDepartments.contains(d.index) {
                    seenDepartments.append(d.index)
                    out.append(d.name)
                }
            }
        }
        return out
    }

    static func normalize(_ text: String) -> String {
        // Most references hold no whitespace and no ASCII parenthesis: their UTF-8 has none of
        // the bytes that can begin one (a White_Space scalar starts with 0x09–0x0D, 0x20, 0xC2,
        // 0xE1, 0xE2 or 0xE3), and they are returned as they are, without walking Characters.
        let mayChange = text.utf8.contains { b in
            (0x09...0x0D).contains(b) || b == 0x20 || b == 0x28 || b == 0x29 || b == 0xC2 || (0xE1...0xE3).contains(b)
        }
        guard mayChange else { return text }
        var out = ""
        for ch in text where !ch.isWhitespace {
            switch ch {
            case "(": out.append("（")
            case ")": out.append("）")
            default: out.append(ch)
            }
        }
        return out
    }
}
