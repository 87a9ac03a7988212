public import ArgumentParser
public import DubanReporters

// Output formats are read from the command line by their raw names.
extension DiagnosticFormat: ExpressibleByArgument {}
