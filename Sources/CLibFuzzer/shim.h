// libFuzzer's driver entry point (compiler-rt's FuzzerInterface.h). The library itself is
// linked by `-sanitize=fuzzer`; only the DubanFuzz target, built with -DFUZZING, calls it.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
