public import ArgumentParser
public import DubanCore
public import DubanReporters

// Enumerations read from the command line by their raw names.
extension DiagnosticFormat: ExpressibleByArgument {}
extension CheckFormat: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
extension Diagnostic.Severity: ExpressibleByArgument {}
extension LedgerKind: ExpressibleByArgument {}
