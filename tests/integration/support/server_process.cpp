// server_process: fork/exec of the real binary, its stdout read through a pipe.
#include "integration/support/server_process.hpp"
#include <array>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <stdexcept>
#include <thread>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace opinia::testing {

namespace {

std::string shell_quote(const std::string& s)
{
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

}  // namespace

server_process::server_process(std::vector<std::string> extra_args)
    : db_path_(dir_.file("opinia.db")), extra_args_(std::move(extra_args))
{
    start();
}

server_process::~server_process()
{
    if (pid_ > 0) kill_hard();
}

void server_process::start()
{
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> args{OPINIA_BINARY, "serve", "--db", db_path_, "--listen", "127.0.0.1:0"};
    args.insert(args.end(), extra_args_.begin(), extra_args_.end());
    pid_ = fork();
    if (pid_ == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    // Read the first line: "listening on http://127.0.0.1:PORT".
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line.push_back(c);
    close(out[0]);
    const auto colon = line.rfind(':');
    if (line.rfind("listening on http://", 0) != 0 || colon == std::string::npos)
        throw std::runtime_error("opinia serve did not start: '" + line + "'");
    port_ = static_cast<unsigned short>(std::stoi(line.substr(colon + 1)));
}

command_result run_opinia(const std::vector<std::string>& args)
{
    std::string command = shell_quote(OPINIA_BINARY);
    for (const auto& a : args) command += " " + shell_quote(a);
    command += " 2>&1";
    command_result result;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("popen failed");
    std::array<char, 4096> buffer;
    while (auto n = fread(buffer.data(), 1, buffer.size(), pipe)) result.output.append(buffer.data(), n);
    const int status = pclose(pipe);
    result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::string server_process::run_cli(const std::vector<std::string>& args) const
{
    return run_opinia(args).output;
}

int server_process::stop()
{
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 150; ++i) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill_hard();
    return -1;
}

void server_process::kill_hard()
{
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
}

void server_process::restart()
{
    if (pid_ > 0) stop();
    start();
}

http_result http_get(unsigned short port, const std::string& target, const std::string& bearer,
                     const std::vector<std::pair<std::string, std::string>>& headers)
{
    namespace beast = boost::beast;
    namespace http = beast::http;
    boost::asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    http::request<http::empty_body> request{http::verb::get, target, 11};
    request.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    if (!bearer.empty()) request.set(http::field::authorization, "Bearer " + bearer);
    for (const auto& [name, value] : headers) request.set(name, value);
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    http_result result;
    result.status = static_cast<int>(response.result_int());
    result.body = response.body();
    for (const auto& field : response) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        result.headers[name] = std::string(field.value());
    }
    return result;
}

}  // namespace opinia::testing
