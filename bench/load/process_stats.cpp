// process_stats: /proc/PID/stat fields 14-15 and /proc/PID/status VmRSS, VmHWM.
#include "process_stats.hpp"
#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

namespace opinia::bench {

process_sample sample_process(pid_t pid)
{
    process_sample s;
    if (pid <= 0) return s;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return s;
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    std::istringstream fields(line.substr(line.rfind(')') + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; fields >> field; ++i) {
        if (i == 14) utime = std::stod(field);
        if (i == 15) { stime = std::stod(field); break; }
    }
    s.cpu_seconds = (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) s.rss_kib = std::stod(line.substr(6));
        if (line.rfind("VmHWM:", 0) == 0) s.peak_rss_kib = std::stod(line.substr(6));
    }
    return s;
}

double own_cpu_seconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

}  // namespace opinia::bench
