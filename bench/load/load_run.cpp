// load_run: closed loop starts the next conversation at once; open loop takes the oldest due one.
#include "load_run.hpp"
#include "chat_load_client.hpp"

namespace opinia::bench {

void load_run::on_idle(const std::shared_ptr<chat_load_client>& client)
{
    if (stopping || !client->is_open()) return;
    if (!open_loop) return client->begin(bench_clock::now());
    if (!backlog.empty()) {
        const auto due = backlog.front();
        backlog.pop_front();
        return client->begin(due);  // late: the wait counts in its latency
    }
    idle.push_back(client);
}

void load_run::on_due(bench_clock::time_point scheduled)
{
    while (!idle.empty()) {
        auto client = idle.back();
        idle.pop_back();
        if (client->is_open()) return client->begin(scheduled);
    }
    backlog.push_back(scheduled);
}

}  // namespace opinia::bench
