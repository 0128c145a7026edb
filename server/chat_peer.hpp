// chat_peer: what the chat service needs of a connected client, so it can be driven without sockets.
#pragma once
#include <string>
#include <nlohmann/json.hpp>

namespace opinia::server {

class chat_peer {
public:
    virtual ~chat_peer() = default;
    // Queues one message; harmless after the peer closed.
    virtual void send(const nlohmann::json& message) = 0;
    // Closes the connection with a WebSocket close code.
    virtual void close(unsigned short code, const std::string& reason) = 0;

    // The conversation this peer is attached to; empty before start/resume. Kept by chat_service.
    std::string conversation;
    // The language of the peer's latest start or resume, for errors that no conversation answers.
    std::string locale;
};

}  // namespace opinia::server
