// connection_registry: closing all chat sockets at shutdown.
#include "server/connection_registry.hpp"
#include <vector>

namespace opinia::server {

void connection_registry::close_all_chats(unsigned short code, const std::string& reason)
{
    // Copy first: a close may complete synchronously and remove its entry.
    std::vector<std::shared_ptr<chat_peer>> peers;
    for (auto& [key, weak] : chats_)
        if (auto peer = weak.lock()) peers.push_back(std::move(peer));
    for (auto& peer : peers) peer->close(code, reason);
}

}  // namespace opinia::server
