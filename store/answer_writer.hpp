// answer_writer: the one writer thread. Commits queued writes in groups, then reports each one done.
#pragma once
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include "store/database.hpp"
#include "store/response_store.hpp"

namespace opinia::store {

struct writer_settings {
    std::size_t max_group = 512;    // writes committed in one transaction at most
    std::size_t max_queue = 65536;  // writes waiting at most; beyond that submit() refuses
};

class answer_writer {
public:
    // Called on the writer thread once the write is durable (nullptr) or has failed (the exception).
    using completion = std::function<void(std::exception_ptr)>;

    answer_writer(database_settings db_settings, writer_settings settings);
    ~answer_writer();
    answer_writer(const answer_writer&) = delete;
    answer_writer& operator=(const answer_writer&) = delete;

    // False when the queue is full or the writer is stopping: the caller tells the client to retry later.
    bool submit(conversation_write write, completion done);

    // Commits everything already queued, then stops the thread. Idempotent.
    void stop();

private:
    struct pending_write {
        conversation_write write;
        completion done;
    };

    void run();
    void commit_group(std::deque<pending_write>& group);

    database db_;
    response_store store_;
    writer_settings settings_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<pending_write> queue_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace opinia::store
