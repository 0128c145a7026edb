// process_stats: CPU time and memory of another process, read from /proc (the server under test).
#pragma once
#include <sys/types.h>

namespace opinia::bench {

struct process_sample {
    double cpu_seconds = 0;  // user + system
    double rss_kib = 0;      // resident now
    double peak_rss_kib = 0; // high-water mark
};

// Zeros when the process is gone or pid is 0.
process_sample sample_process(pid_t pid);
// This process's own CPU seconds (user + system).
double own_cpu_seconds();

}  // namespace opinia::bench
