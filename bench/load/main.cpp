// opinia_load: a chat protocol v1 load generator — closed loop, fixed arrival rate, or an idle-connection soak.
// Prints one line of figures; bench/load/run.sh starts the servers, pins them and collects the lines.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <boost/asio/steady_timer.hpp>
#include <CLI/CLI.hpp>
#include "chat_load_client.hpp"
#include "process_stats.hpp"

using namespace opinia::bench;
namespace net = boost::asio;

namespace {

double percentile(std::vector<double>& sorted, double p)
{
    if (sorted.empty()) return 0;
    const auto index = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(index, sorted.size() - 1)];
}

// Runs the io_context until `until` while `tick` is called every millisecond-ish; false from tick stops early.
void run_until(net::io_context& ioc, bench_clock::time_point until)
{
    while (bench_clock::now() < until) {
        ioc.run_for(std::chrono::milliseconds(50));
        if (ioc.stopped()) ioc.restart();
    }
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"Chat protocol v1 load generator"};
    std::string mode = "closed", flow = "post_contact", label = "server";
    unsigned short port = 0;
    int connections = 200;
    double seconds = 10, warmup = 2, rate = 1000;
    pid_t pid = 0;
    app.add_option("--port", port, "Server port on 127.0.0.1")->required();
    app.add_option("--mode", mode, "closed | rate | idle")->check(CLI::IsMember({"closed", "rate", "idle"}));
    app.add_option("--connections", connections, "Concurrent WebSocket connections");
    app.add_option("--seconds", seconds, "Measured time");
    app.add_option("--warmup", warmup, "Unmeasured time before it");
    app.add_option("--rate", rate, "rate mode: conversations started per second");
    app.add_option("--pid", pid, "Server process, for its CPU time and RSS");
    app.add_option("--flow", flow, "Flow to run");
    app.add_option("--label", label, "Name printed with the figures");
    CLI11_PARSE(app, argc, argv);

    net::io_context ioc{1};
    const net::ip::tcp::endpoint server{net::ip::make_address("127.0.0.1"), port};
    load_run run;
    run.flow = flow;
    run.open_loop = mode == "rate";
    std::vector<std::shared_ptr<chat_load_client>> clients;

    if (mode == "idle") {
        const auto before = sample_process(pid);
        // Connect in waves, so the listen backlog is never the limit being measured.
        constexpr int wave = 500;
        for (int opened = 0; opened < connections;) {
            const int n = std::min(wave, connections - opened);
            const auto target = run.connected + static_cast<std::uint64_t>(n);
            for (int i = 0; i < n; ++i) {
                clients.push_back(std::make_shared<chat_load_client>(ioc, server, run));
                clients.back()->connect(false);
            }
            opened += n;
            const auto deadline = bench_clock::now() + std::chrono::seconds(20);
            while (run.connected + run.failed < target && bench_clock::now() < deadline) {
                ioc.run_for(std::chrono::milliseconds(20));
                if (ioc.stopped()) ioc.restart();
            }
        }
        run_until(ioc, bench_clock::now() + std::chrono::seconds(2));  // let the server settle
        const auto after = sample_process(pid);
        const double per_connection = run.connected ? (after.rss_kib - before.rss_kib) / static_cast<double>(run.connected) : 0;
        std::printf("%s idle: connections=%llu failed=%llu rss_before_kib=%.0f rss_after_kib=%.0f "
                    "rss_per_connection_kib=%.2f\n",
                    label.c_str(), static_cast<unsigned long long>(run.connected), static_cast<unsigned long long>(run.failed),
                    before.rss_kib, after.rss_kib, per_connection);
        run.stopping = true;
        return 0;
    }

    for (int i = 0; i < connections; ++i) {
        clients.push_back(std::make_shared<chat_load_client>(ioc, server, run));
        clients.back()->connect(true);
    }
    // Open loop: one timer releases conversations on the fixed schedule, whatever the server's pace.
    net::steady_timer pacer(ioc);
    const auto interval = std::chrono::duration_cast<bench_clock::duration>(std::chrono::duration<double>(1.0 / rate));
    auto next_due = bench_clock::now();
    std::function<void()> pace = [&] {
        const auto now = bench_clock::now();
        while (next_due <= now) {
            run.on_due(next_due);
            next_due += interval;
        }
        pacer.expires_at(next_due);
        pacer.async_wait([&](boost::beast::error_code ec) { if (!ec && !run.stopping) pace(); });
    };
    if (run.open_loop) pace();

    run_until(ioc, bench_clock::now() + std::chrono::duration_cast<bench_clock::duration>(std::chrono::duration<double>(warmup)));
    const auto server_before = sample_process(pid);
    const auto own_before = own_cpu_seconds();
    const auto started = bench_clock::now();
    run.measuring = true;
    run_until(ioc, started + std::chrono::duration_cast<bench_clock::duration>(std::chrono::duration<double>(seconds)));
    run.measuring = false;
    const double elapsed = std::chrono::duration<double>(bench_clock::now() - started).count();
    const auto server_after = sample_process(pid);
    const double own_cpu = own_cpu_seconds() - own_before;
    run.stopping = true;
    pacer.cancel();

    auto& lat = run.step_latency_ms;
    std::sort(lat.begin(), lat.end());
    const double server_cpu = server_after.cpu_seconds - server_before.cpu_seconds;
    std::printf("%s %s: connections=%d completed=%llu failed=%llu conv_per_s=%.0f server_cpu_s=%.2f "
                "conv_per_server_cpu_s=%.0f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f p999_ms=%.2f "
                "server_peak_rss_kib=%.0f generator_cpu_pct=%.0f backlog=%zu\n",
                label.c_str(), mode.c_str(), connections, static_cast<unsigned long long>(run.completed),
                static_cast<unsigned long long>(run.failed), static_cast<double>(run.completed) / elapsed, server_cpu,
                server_cpu > 0 ? static_cast<double>(run.completed) / server_cpu : 0.0, percentile(lat, 50),
                percentile(lat, 95), percentile(lat, 99), percentile(lat, 99.9), server_after.peak_rss_kib,
                100.0 * own_cpu / elapsed, run.backlog.size());
    return 0;
}
