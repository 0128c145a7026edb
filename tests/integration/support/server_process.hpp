// server_process: starts the real `opinia serve` on a free port for a test, and stops it afterwards.
#pragma once
#include <map>
#include <string>
#include <vector>
#include <sys/types.h>
#include "support_temp_dir.hpp"

namespace opinia::testing {

class server_process {
public:
    // Starts `opinia serve --db <dir>/opinia.db --listen 127.0.0.1:0 <extra>` and waits for "listening on".
    explicit server_process(std::vector<std::string> extra_args = {});
    ~server_process();
    server_process(const server_process&) = delete;
    server_process& operator=(const server_process&) = delete;

    unsigned short port() const { return port_; }
    const std::string& db_path() const { return db_path_; }

    // Runs an `opinia` subcommand against the same database and returns its standard output.
    std::string run_cli(const std::vector<std::string>& args) const;

    // SIGTERM, then the exit status (or -1 when it did not exit in time).
    int stop();
    // SIGKILL: a crash.
    void kill_hard();
    // Starts it again on the same database (a new port).
    void restart();

private:
    void start();

    temp_dir dir_;
    std::string db_path_;
    std::vector<std::string> extra_args_;
    pid_t pid_ = -1;
    unsigned short port_ = 0;
};

// Runs the `opinia` binary to its end: what it printed (standard output and error) and its exit status.
struct command_result {
    int exit_status = -1;
    std::string output;
};
command_result run_opinia(const std::vector<std::string>& args);

// An HTTP exchange over a real socket: status and body.
struct http_result {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // names in lower case

    std::string header(const std::string& name) const
    {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

http_result http_get(unsigned short port, const std::string& target, const std::string& bearer = "",
                     const std::vector<std::pair<std::string, std::string>>& headers = {});

}  // namespace opinia::testing
