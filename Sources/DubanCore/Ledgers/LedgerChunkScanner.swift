import DubanYAML
import Foundation

/// What one chunk yields: findings with chunk-relative lines (0 = the chunk's first row),
/// the number of rows (lines) that start in it, and its month totals.
struct LedgerChunkResult: Sendable {
    struct Month: Sendable {
        var rows = 0
        var fen: Int64 = 0
        /// Rows of a month with no standard in force: counted, not checked.
        var unchecked = 0
        var overflow = false
    }

    var lines = 0
    /// The chunk's first `maxListed` findings of each kind, in row order.
    var findings: [LedgerFinding] = []
    /// Findings of each kind beyond those kept (counted, not built).
    var unlisted: [Violation.Kind: Int] = [:]
    /// How many findings of each kind were kept.
    var kept: [Violation.Kind: Int] = [:]
    /// Findings about the file rather than a row (a read error).
    var fileFindings: [Violation] = []
    var months: [Int32: Month] = [:]
}

/// Reads the rows that start in one chunk and checks each. One scanner per worker: its buffer
/// and field tables are allocated once and reused for every chunk the worker takes.
struct LedgerChunkScanner {
    /// What every chunk of one file shares.
    struct Context: @unchecked Sendable {
        let rules: LedgerRules
        let layout: LedgerLayout
        let file: String
        let fd: Int32
        let size: Int
        let bodyStart: Int
        let chunkSize: Int
        let maxLineBytes: Int
        let maxListed: Int
    }

    let c: Context
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// A row read by `splitPlain`: -1, then the offset of the byte ending each field (its comma or
    /// line end), so field f is (bounds[f], bounds[f + 1]) exclusive.
    private let bounds: UnsafeMutablePointer<Int>
    /// A row read by `split`, per field: content start and end (inside the quotes), its first byte and
    /// quoting (0 plain, 1 quoted, 2 quoted with doubled quotes inside).
    private let starts: UnsafeMutablePointer<Int>
    private let ends: UnsafeMutablePointer<Int>
    private let opens: UnsafeMutablePointer<Int>
    private let quoting: UnsafeMutablePointer<UInt8>
    /// The field index of each required column (the layout's, copied out of the hot path).
    private let columns: UnsafeMutablePointer<Int>
    /// Commas in a row (the header's fields less one), and the longest row `splitPlain` takes with its line end.
    private let commaCount: Int, maxSpan: Int
    /// The vocabularies, held here rather than read through their lazily initialized statics per row.
    private let statusWords = LedgerVocabulary.status, beneficiaryWords = LedgerVocabulary.beneficiary
    private let payeeKindWords = LedgerVocabulary.payeeKind, categoryWords = LedgerVocabulary.category
    private var result = LedgerChunkResult()
    private var line = 0
    private var row: UnsafePointer<UInt8> = UnsafePointer(bitPattern: 1)!
    private var rowLength = 0
    /// The current row was read by `split` (`opens` and `quoting` hold its fields); else by `splitPlain`,
    /// which leaves them alone: no field of its rows is quoted.
    private var careful = false
    private var currentKey: Int32 = -1
    private var current = LedgerChunkResult.Month()
    /// The month field of the last credit row read (its 7 bytes as loaded, 0 before the first), its
    /// key and the standards in force in it: consecutive rows nearly always share their month.
    private var monthWord: UInt64 = 0
    private var monthKey: Int32 = 0
    private var monthStandards = LedgerRules.MonthStandards()
    /// The end of the readable file (the file's size unless it shrank or a read failed).
    private var limit = 0

    init(_ context: Context) {
        c = context
        capacity = context.chunkSize + context.maxLineBytes + 2
        // 8 bytes of slack: the word-at-a-time readers load up to 7 bytes past what was read.
        // Never zeroed: every byte they look at was read, the rest is masked off.
        buffer = .allocate(capacity: capacity + 8)
        let n = context.layout.fieldCount + 1
        bounds = .allocate(capacity: n)
        bounds[0] = -1
        starts = .allocate(capacity: n)
        ends = .allocate(capacity: n)
        opens = .allocate(capacity: n)
        quoting = .allocate(capacity: n)
        columns = .allocate(capacity: context.layout.index.count)
        commaCount = context.layout.fieldCount - 1
        maxSpan = context.maxLineBytes + 1
        columns.initialize(from: context.layout.index, count: context.layout.index.count)
    }

    func release() {
        buffer.deallocate(); bounds.deallocate(); starts.deallocate(); ends.deallocate(); opens.deallocate(); quoting.deallocate(); columns.deallocate()
    }

    // MARK: Reading

    /// Reads up to `want` bytes at file offset `offset` into the buffer at `at`; a short read
    /// before the end of the file (shrunk, or an error) lowers `limit` to what was read.
    private mutating func fill(at: Int, offset: Int, want: Int) -> Int {
        var got = 0
        let want = min(want, capacity - at, max(0, limit - offset))
        while got < want {
            let n = pread(c.fd, buffer + at + got, want - got, off_t(offset + got))
            if n > 0 { got += n; continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 {
                let why = SourceFile.readFailure(errno: errno).text
                result.fileFindings.append(c.rules.invalid(Bilingual("read error at byte \(offset + got): \(why.en)",
                                                                     zh: "读取第 \(offset + got) 字节时出错：\(why.zh ?? why.en)"),
                                                           at: Violation.Location(file: c.file), period: nil, subject: "read \(c.file)"))
            }
            limit = offset + got
            break
        }
        return got
    }

    /// The rows starting in [start, end): a row starts where the byte before it is a line end.
    mutating func scan(start: Int, end: Int) -> LedgerChunkResult {
        result = LedgerChunkResult()
        line = 0
        currentKey = -1
        limit = c.size
        var base = start == c.bodyStart ? start : start - 1
        var count = fill(at: 0, offset: base, want: min(capacity, end - base + 65_536))
        var pos = 0
        if start != c.bodyStart {
            // The first row begins after the first line end at or after start - 1 (and before end).
            guard let q = memchr(buffer, 10, min(count, end - start)) else { return finish() }
            pos = buffer.distance(to: q.assumingMemoryBound(to: UInt8.self)) + 1
        }
        while base + pos < end && base + pos < limit {
            let plainEnd = splitPlain(pos, count - pos)
            if plainEnd >= 0 {
                careful = false
                checkFields()
                line += 1
                pos += plainEnd + 1
                continue
            }
            let lineEnd: Int
            if let q = memchr(buffer + pos, 10, count - pos) {
                lineEnd = buffer.distance(to: q.assumingMemoryBound(to: UInt8.self))
            } else if base + count >= limit {
                lineEnd = count
            } else if count - pos > c.maxLineBytes {
                tooLong()
                // Discard the rest of the line, block by block.
                pos = 0
                while true {
                    base += count
                    count = fill(at: 0, offset: base, want: capacity)
                    if count == 0 { break }
                    if let q = memchr(buffer, 10, count) {
                        pos = buffer.distance(to: q.assumingMemoryBound(to: UInt8.self)) + 1
                        break
                    }
                }
                line += 1
                continue
            } else {
                // The row runs past the buffer: keep its start, read on behind it.
                let keep = count - pos
                memmove(buffer, buffer + pos, keep)
                base += pos
                pos = 0
                count = keep + fill(at: keep, offset: base + keep, want: capacity - keep)
                continue
            }
            if lineEnd - pos > c.maxLineBytes {
                tooLong()
            } else {
                var n = lineEnd - pos
                if n > 0 && buffer[pos + n - 1] == 13 { n -= 1 }
                check(UnsafePointer(buffer + pos), n)
            }
            line += 1
            pos = lineEnd + 1
        }
        return finish()
    }

    private mutating func finish() -> LedgerChunkResult {
        flushMonth()
        result.lines = line
        return result
    }

    private mutating func tooLong() {
        row = UnsafePointer(buffer)
        rowLength = 0
        invalid(Bilingual("the line is longer than \(c.maxLineBytes) bytes", zh: "该行超过 \(c.maxLineBytes) 字节"), at: 0, period: nil)
    }

    // MARK: One row

    /// A row `splitPlain` did not take: read carefully, then checked.
    private mutating func check(_ p: UnsafePointer<UInt8>, _ n: Int) {
        row = p
        rowLength = n
        careful = true
        if n == 0 {
            invalid(Bilingual("empty line; a ledger has no empty lines", zh: "空行；账目中不应有空行"), at: 0, period: nil)
            return
        }
        guard split() else { return }
        checkFields()
    }

    @inline(__always)
    private mutating func checkFields() {
        switch c.layout.kind {
        case .accountCredit: credit()
        case .accountExpense: expense()
        }
    }

    /// The common row, 8 bytes at a time, from `pos` through its line end: no quote, exactly the
    /// header's number of fields, at most `maxLineBytes` long and wholly in the buffer. Sets the row
    /// and its fields and returns the offset of its '\n' from `pos`; anything else returns -1 without
    /// a finding, and the row is read by `check`.
    @inline(__always)
    private mutating func splitPlain(_ pos: Int, _ available: Int) -> Int {
        let p = buffer + pos, commaCount = commaCount, bounds = bounds
        let span = min(available, maxSpan)
        var f = 0, o = 0
        while o < span {
            // Bytes past `span` may be loaded (the buffer has slack) but never end the row.
            let v = UnsafeRawPointer(p + o).loadUnaligned(as: UInt64.self).littleEndian
            // Per byte, the high bit where it is below '-' (0x2D): ',' and every byte that can end or
            // quote a field are; in a common row, only its commas and line end.
            var specials = ~((v & 0x7F7F_7F7F_7F7F_7F7F &+ 0x5353_5353_5353_5353) | v) & 0x8080_8080_8080_8080
            while specials != 0 {
                let k = o &+ specials.trailingZeroBitCount &>> 3
                let b = p[k]
                if b == 44 {
                    if f == commaCount { return -1 }
                    f &+= 1
                    bounds[f] = k
                } else if b == 10 || (b == 13 && k &+ 1 < span && p[k &+ 1] == 10) {
                    guard k < span, f == commaCount else { return -1 }
                    bounds[f &+ 1] = k
                    row = UnsafePointer(p)
                    rowLength = k
                    return b == 10 ? k : k &+ 1
                } else if b == 34 {
                    return -1
                }
                specials &= specials &- 1
            }
            o &+= 8
        }
        return -1
    }

    /// Splits the row into fields (RFC 4180 quoting, no line breaks); false after reporting a problem.
    @inline(__always)
    private mutating func split() -> Bool {
        let p = row, n = rowLength, fields = c.layout.fieldCount
        var i = 0, f = 0
        while true {
            if f == fields {
                invalid(Bilingual("the row has more fields than the header's \(fields)", zh: "该行的字段多于表头的 \(fields) 列"), at: i, period: nil)
                return false
            }
            opens[f] = i
            if i < n && p[i] == 34 {
                var j = i + 1
                var doubled = false
                while true {
                    guard j < n, let q = memchr(p + j, 34, n - j) else {
                        invalid(Bilingual("a quoted field is not closed before the end of the line (fields may not contain line breaks)",
                                          zh: "带引号的字段在行尾之前没有闭合（字段中不能换行）"), at: i, period: nil)
                        return false
                    }
                    let k = p.distance(to: q.assumingMemoryBound(to: UInt8.self))
                    if k + 1 < n && p[k + 1] == 34 {
                        doubled = true
                        j = k + 2
                        continue
                    }
                    starts[f] = i + 1
                    ends[f] = k
                    quoting[f] = doubled ? 2 : 1
                    i = k + 1
                    break
                }
                if i < n && p[i] != 44 {
                    invalid(Bilingual("a closing quote must end the field (write \"\" for a quote inside a quoted field)",
                                      zh: "右引号后应紧接字段结束（带引号的字段内的引号写作 \"\"）"), at: i, period: nil)
                    return false
                }
            } else {
                var j = i
                while j < n {
                    let b = p[j]
                    if b == 44 { break }
                    if b == 34 {
                        invalid(Bilingual("a quote inside an unquoted field; quote the whole field and write \"\" for the quote",
                                          zh: "未加引号的字段中含有引号；请给整个字段加引号，字段内的引号写作 \"\""), at: j, period: nil)
                        return false
                    }
                    j += 1
                }
                starts[f] = i
                ends[f] = j
                quoting[f] = 0
                i = j
            }
            f += 1
            if i >= n { break }
            i += 1
        }
        if f < fields {
            invalid(Bilingual("the row has \(f) field\(f == 1 ? "" : "s"), the header \(fields)", zh: "该行有 \(f) 个字段，表头有 \(fields) 列"),
                    at: n, period: nil)
            return false
        }
        return true
    }

    @inline(__always)
    private func field(_ column: Int) -> (UnsafePointer<UInt8>, Int) {
        fields[column]
    }

    /// The current row's field table, copied out of the scanner once per row, so that reading a
    /// field does not reload it after every store.
    private var fields: RowFields {
        careful ? RowFields(row: row, before: starts, ends: ends, skip: 0, columns: columns)
                : RowFields(row: row, before: bounds, ends: bounds + 1, skip: 1, columns: columns)
    }

    /// Field f of a row spans [before[f] + skip, ends[f]).
    private struct RowFields {
        let row: UnsafePointer<UInt8>
        let before: UnsafeMutablePointer<Int>, ends: UnsafeMutablePointer<Int>
        let skip: Int
        let columns: UnsafeMutablePointer<Int>

        /// The offset of the first byte of a required column's field.
        @inline(__always)
        func start(_ column: Int) -> Int { before[columns[column]] &+ skip }

        /// The bytes of a required column's field.
        @inline(__always)
        subscript(column: Int) -> (UnsafePointer<UInt8>, Int) {
            let f = columns[column], start = before[f] &+ skip
            return (row + start, ends[f] &- start)
        }
    }

    // MARK: Account-credit rows

    private static let creditColumns = LedgerKind.accountCredit.columns

    private mutating func credit() {
        // The month first, so that every finding of the row carries it as its period.
        let fields = self.fields
        let (mp, mn) = fields[3]
        let month = creditMonth(mp, mn)
        var ok = personValid(fields[0], month: month)
        let (sp, sn) = fields[1]
        let status = statusWords.index(sp, sn)
        if status == nil { ok = false; badEnum(1, .status, month: month) }
        let (bp, bn) = fields[2]
        let birth = LedgerFields.day(bp, bn)
        if birth == nil { ok = false; badDay(2, month: month) }
        if month == nil { ok = false; badMonth(3) }
        var base: Int64 = -1
        let (cp, cn) = fields[4]
        if let v = LedgerFields.plainFen(cp, cn) {
            base = v
        } else if cn > 0 || status == 0 {
            if let v = baseSlowly(month: month) { base = v } else { ok = false }
        }
        let credited = amount(5, fields[5], signed: false, month: month)
        // A correct row's employer share is 0: "0.00" or "0" needs no parsing.
        let (hp, hn) = fields[6]
        let share = LedgerFields.isZero(hp, hn) ? 0 : amount(6, (hp, hn), signed: false, month: month)
        guard ok, let status, let birth, let month, let credited, let share else { return }
        let s = monthStandards
        let checked: Bool
        if status == 0 {
            checked = s.percentNumerator >= 0
            if checked {
                if !LedgerRules.creditMatches(base: base, credited: credited, s) {
                    inServiceMismatch(month: month, base: base, credited: credited, expected: LedgerRules.credit(base: base, s))
                }
            }
        } else {
            // The month of the 70th birthday and every later one is 110-yuan: compare months only
            // (a 29 February birthday falls on 28 February in a common year, the same month).
            let seventy = birth.month &+ 70 * 12 <= month
            let due = seventy ? s.seventyPlus : s.under70
            checked = due >= 0
            if checked && credited != due { retireeMismatch(month: month, birth: birth.day, credited: credited, due: due, seventy: seventy) }
        }
        if checked && share != 0 { employerShare(month: month, share: share) }
        account(month, credited, checked: checked)
    }

    // MARK: Account-expense rows

    private mutating func expense() {
        let fields = self.fields
        let (dp, dn) = fields[1]
        let day = LedgerFields.day(dp, dn)
        let date = day?.day, month = day?.month
        var ok = personValid(fields[0], month: month)
        if date == nil { ok = false; badDay(1, month: nil) }
        let (bp, bn) = fields[2]
        let beneficiary = beneficiaryWords.index(bp, bn)
        if beneficiary == nil { ok = false; badEnum(2, .beneficiary, month: month) }
        let (pp, pn) = fields[3]
        let payee = payeeKindWords.index(pp, pn)
        if payee == nil { ok = false; badEnum(3, .payeeKind, month: month) }
        let (gp, gn) = fields[4]
        let category = categoryWords.index(gp, gn)
        if category == nil { ok = false; badEnum(4, .category, month: month) }
        let amount = self.amount(5, fields[5], signed: true, month: month)
        guard ok, let date, let month, let beneficiary, let payee, let category, let amount else { return }
        let r = c.rules
        if !r.allowedBeneficiary[beneficiary] || !r.allowedPayee[payee] || !r.allowedCategory[category] || amount <= 0 {
            expenseFindings(month: month, date: date, beneficiary: beneficiary, payee: payee, category: category, amount: amount)
        }
        account(month, amount, checked: true)
    }

    // MARK: Field helpers

    /// A credit row's month key, from the last row's when the field is the same; a new month
    /// also looks up the standards in force in it.
    @inline(__always)
    private mutating func creditMonth(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        if n == 7 && UnsafeRawPointer(p).loadUnaligned(as: UInt64.self).littleEndian & 0x00FF_FFFF_FFFF_FFFF == monthWord { return monthKey }
        return newCreditMonth(p, n)
    }

    @inline(never)
    private mutating func newCreditMonth(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        guard let key = LedgerFields.month(p, n) else { return nil }
        monthWord = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self).littleEndian & 0x00FF_FFFF_FFFF_FFFF
        monthKey = key
        monthStandards = c.rules.standards(key)
        return key
    }

    /// person_id: 1–64 bytes of UTF-8 without control characters.
    @inline(__always)
    private mutating func personValid(_ field: (UnsafePointer<UInt8>, Int), month: Int32?) -> Bool {
        // The common id, 8 bytes at a time: 1–64 bytes, each printable ASCII (0x20–0x7E).
        let (p, n) = field
        var bad: UInt64 = 1
        if n >= 8 && n <= 64 {
            // Whole words, the last one ending with the field (it may overlap the one before).
            bad = 0
            var o = 0
            while o < n &- 8 {
                bad |= Self.nonPrintable(UnsafeRawPointer(p + o).loadUnaligned(as: UInt64.self).littleEndian)
                o &+= 8
            }
            bad |= Self.nonPrintable(UnsafeRawPointer(p + (n &- 8)).loadUnaligned(as: UInt64.self).littleEndian)
        } else if n > 0 && n < 8 {
            let keep = (1 &<< UInt64(truncatingIfNeeded: n &* 8)) &- 1
            let v = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self).littleEndian
            bad = Self.nonPrintable(v & keep | ~keep & 0x4141_4141_4141_4141)  // padded with 'A'
        }
        if bad == 0 { return true }
        return personValidSlowly(month: month)
    }

    /// The high bit of each byte of `v` below 0x20 or above 0x7E.
    @inline(__always)
    private static func nonPrintable(_ v: UInt64) -> UInt64 {
        let low = v & 0x7F7F_7F7F_7F7F_7F7F
        return (~((low &+ 0x6060_6060_6060_6060) | v) | (low &+ 0x0101_0101_0101_0101) | v) & 0x8080_8080_8080_8080
    }

    @inline(never)
    private mutating func personValidSlowly(month: Int32?) -> Bool {
        let (p, n) = field(0)
        var ascii = true
        for i in 0..<n {
            let b = p[i]
            if b < 0x20 || b == 0x7F {
                badField(0, Bilingual("person_id contains a control character (byte \(b))", zh: "person_id 含有控制字符（字节 \(b)）"), month: month)
                return false
            }
            if b >= 0x80 { ascii = false }
        }
        let length = quoting(0) == 2 ? person.utf8.count : n
        if length == 0 { badField(0, Bilingual("person_id is empty", zh: "person_id 为空"), month: month); return false }
        if length > 64 { badField(0, Bilingual("person_id is longer than 64 bytes", zh: "person_id 超过 64 字节"), month: month); return false }
        if !ascii && String(validating: UnsafeBufferPointer(start: p, count: n), as: UTF8.self) == nil {
            badField(0, Bilingual("person_id is not valid UTF-8", zh: "person_id 不是有效的 UTF-8 文字"), month: month)
            return false
        }
        return true
    }

    @inline(__always)
    private mutating func amount(_ column: Int, _ field: (UnsafePointer<UInt8>, Int), signed: Bool, month: Int32?) -> Int64? {
        let (p, n) = field
        if let v = LedgerFields.plainFen(p, n) { return v }
        return amountSlowly(column, signed: signed, month: month)
    }

    /// An amount `plainFen` does not take: read carefully, or reported.
    @inline(never)
    private mutating func amountSlowly(_ column: Int, signed: Bool, month: Int32?) -> Int64? {
        let (p, n) = field(column)
        switch LedgerFields.fen(p, n, signed: signed) {
        case .success(let v): return v
        case .failure(let e):
            badField(column, e.message(c.layout.kind.columns[column], text(column)), month: month)
            return nil
        }
    }

    /// A contribution base `plainFen` does not take, or an in-service row's empty one: read carefully, or reported.
    @inline(never)
    private mutating func baseSlowly(month: Int32?) -> Int64? {
        let (p, n) = field(4)
        switch LedgerFields.fen(p, n, signed: false) {
        case .success(let v): return v
        case .failure(.empty):
            badField(4, Bilingual("\(Self.creditColumns[4]) is required for an in-service row", zh: "在职人员的行须填写 \(Self.creditColumns[4])"),
                     month: month)
        case .failure(let e): badField(4, e.message(Self.creditColumns[4], text(4)), month: month)
        }
        return nil
    }

    // The reports of unreadable fields are out of line, to keep the row's common path small.

    @inline(never)
    private mutating func badDay(_ column: Int, month: Int32?) {
        let name = c.layout.kind.columns[column], text = text(column)
        badField(column, Bilingual("\(name) '\(text)' is not a real day (YYYY-MM-DD)", zh: "\(name) 写的是“\(text)”，不是真实存在的日期（YYYY-MM-DD）"), month: month)
    }

    @inline(never)
    private mutating func badMonth(_ column: Int) {
        let name = c.layout.kind.columns[column], text = text(column)
        badField(column, Bilingual("\(name) '\(text)' is not a month (YYYY-MM)", zh: "\(name) 写的是“\(text)”，不是月份（YYYY-MM）"))
    }

    @inline(never)
    private mutating func badEnum(_ column: Int, _ vocabulary: LedgerVocabulary, month: Int32? = nil) {
        let name = c.layout.kind.columns[column], text = text(column)
        badField(column, Bilingual("\(name) '\(text)' is not one of \(vocabulary.expected)",
                                   zh: "\(name) 写的是“\(text)”，应为以下之一：\(vocabulary.expectedZH)"), month: month)
    }

    private mutating func badField(_ column: Int, _ message: Bilingual, month: Int32? = nil) {
        invalid(message, at: careful ? opens[columns[column]] : fields.start(column), period: month)
    }

    /// A field's text for messages (quotes undone, control characters as U+XXXX, at most 40 characters).
    private func text(_ column: Int) -> String {
        let (p, n) = field(column)
        var s = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        if quoting(column) == 2 { s = s.replacingOccurrences(of: "\"\"", with: "\"") }
        if s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            s = s.unicodeScalars.map { scalar in
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return scalar.properties.generalCategory == .control ? "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex : String(scalar)
            }.joined()
        }
        return s.count > 40 ? String(s.prefix(40)) + "…" : s
    }

    /// How a column's field is quoted (0 plain, 1 quoted, 2 with doubled quotes inside).
    private func quoting(_ column: Int) -> UInt8 { careful ? quoting[columns[column]] : 0 }

    private var person: String {
        let (p, n) = field(0)
        let s = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        return quoting(0) == 2 ? s.replacingOccurrences(of: "\"\"", with: "\"") : s
    }

    // MARK: Totals

    @inline(__always)
    private mutating func account(_ key: Int32, _ fen: Int64, checked: Bool) {
        if key != currentKey {
            flushMonth()
            currentKey = key
            current = result.months[key] ?? LedgerChunkResult.Month()
        }
        current.rows += 1
        let (sum, overflow) = current.fen.addingReportingOverflow(fen)
        current.fen = sum
        if overflow { current.overflow = true }
        if !checked { current.unchecked += 1 }
    }

    private mutating func flushMonth() {
        if currentKey >= 0 { result.months[currentKey] = current }
        currentKey = -1
    }

    // MARK: Findings

    /// Whether a finding of this kind is still kept in this chunk; if not, it is only counted.
    /// (The report lists the first `maxListed` of a kind per file, so no chunk needs more.)
    private mutating func admit(_ kind: Violation.Kind) -> Bool {
        let count = result.kept[kind, default: 0]
        if count >= c.maxListed {
            result.unlisted[kind, default: 0] += 1
            return false
        }
        result.kept[kind] = count + 1
        return true
    }

    /// The column (in characters, 1-based) of byte `offset` of the row.
    private func column(_ offset: Int) -> Int {
        var chars = 0
        for i in 0..<min(offset, rowLength) where row[i] & 0xC0 != 0x80 { chars += 1 }
        return chars + 1 + max(0, offset - rowLength)
    }

    private mutating func invalid(_ message: Bilingual, at offset: Int, period: Int32?) {
        guard admit(.invalid) else { return }
        // What the row is, for the fingerprint: its leading field as written, never its line.
        var lead = 0
        while lead < rowLength && lead < 64 && row[lead] != 44 { lead += 1 }
        let key = String(decoding: UnsafeBufferPointer(start: row, count: lead), as: UTF8.self)
        add(.unreadable(message: message, column: column(offset)), month: period ?? -1, person: key)
    }

    /// Keeps a finding of the current row (its line relative to the chunk until the merge).
    private mutating func add(_ problem: LedgerFinding.Problem, month: Int32, person: String) {
        result.findings.append(LedgerFinding(rules: c.rules, file: c.file, line: line, month: month, person: person, problem: problem))
    }

    private mutating func inServiceMismatch(month: Int32, base: Int64, credited: Int64, expected: Int64) {
        guard admit(.creditMismatch) else { return }
        add(.inServiceCredit(base: base, credited: credited, due: expected), month: month, person: person)
    }

    private mutating func retireeMismatch(month: Int32, birth: Int32, credited: Int64, due: Int64, seventy: Bool) {
        guard admit(.creditMismatch) else { return }
        add(.retireeCredit(birth: birth, credited: credited, due: due, seventy: seventy), month: month, person: person)
    }

    private mutating func employerShare(month: Int32, share: Int64) {
        guard admit(.employerShareCredited) else { return }
        add(.employerShare(share), month: month, person: person)
    }

    private mutating func expenseFindings(month: Int32, date: Int32, beneficiary: Int, payee: Int, category: Int, amount: Int64) {
        let r = c.rules, pid = person
        func keep(_ kind: Violation.Kind) {
            guard admit(kind) else { return }
            add(.payment(kind, day: date, beneficiary: UInt8(beneficiary), payee: UInt8(payee), category: UInt8(category), amount: amount),
                month: month, person: pid)
        }
        if !r.allowedBeneficiary[beneficiary] { keep(.ineligibleBeneficiary) }
        if !r.allowedPayee[payee] { keep(.undesignatedPayee) }
        if !r.allowedCategory[category] { keep(.prohibitedUse) }
        if amount <= 0 { keep(.nonpositiveAmount) }
    }
}
