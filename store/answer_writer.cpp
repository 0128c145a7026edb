// answer_writer: group commit on a dedicated thread.
#include "store/answer_writer.hpp"

namespace opinia::store {

answer_writer::answer_writer(database_settings db_settings, writer_settings settings)
    : db_(std::move(db_settings)), store_(db_), settings_(settings), thread_([this] { run(); })
{
}

answer_writer::~answer_writer()
{
    stop();
}

bool answer_writer::submit(conversation_write write, completion done)
{
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || queue_.size() >= settings_.max_queue)
            return false;
        queue_.push_back({std::move(write), std::move(done)});
    }
    wake_.notify_one();
    return true;
}

void answer_writer::stop()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable())
        thread_.join();
}

void answer_writer::run()
{
    for (;;) {
        std::deque<pending_write> group;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty())
                return;  // stopping, and everything queued is committed
            // Whatever queued up during the previous commit goes into this one.
            while (!queue_.empty() && group.size() < settings_.max_group) {
                group.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        commit_group(group);
    }
}

void answer_writer::commit_group(std::deque<pending_write>& group)
{
    std::vector<conversation_write> writes;
    writes.reserve(group.size());
    for (auto& p : group)
        writes.push_back(p.write);
    try {
        store_.commit(writes);
        for (auto& p : group)
            p.done(nullptr);
        return;
    } catch (...) {
        if (group.size() == 1) {
            group.front().done(std::current_exception());
            return;
        }
    }
    // One bad write must not fail its neighbours: commit them one by one.
    for (auto& p : group) {
        try {
            store_.commit({p.write});
            p.done(nullptr);
        } catch (...) {
            p.done(std::current_exception());
        }
    }
}

}  // namespace opinia::store
