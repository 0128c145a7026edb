// connection_registry: every open chat socket and HTTP connection, for graceful shutdown and /metrics.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include "server/chat_peer.hpp"

namespace opinia::server {

// Used from the io thread only. Sessions add themselves when they start and remove themselves when destroyed.
class connection_registry {
public:
    void add_chat(const chat_peer* key, std::weak_ptr<chat_peer> peer) { chats_[key] = std::move(peer); }
    void remove_chat(const chat_peer* key) { chats_.erase(key); }
    void http_opened() { ++http_open_; ++http_total_; }
    void http_closed() { if (http_open_ > 0) --http_open_; }

    // Closes every chat socket, whether or not it carries a conversation.
    void close_all_chats(unsigned short code, const std::string& reason);

    std::size_t open_chats() const { return chats_.size(); }
    std::size_t open_http() const { return http_open_; }
    std::size_t http_total() const { return http_total_; }

private:
    std::unordered_map<const chat_peer*, std::weak_ptr<chat_peer>> chats_;
    std::size_t http_open_ = 0;
    std::size_t http_total_ = 0;
};

}  // namespace opinia::server
