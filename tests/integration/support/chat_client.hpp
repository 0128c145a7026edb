// chat_client: a real WebSocket client that speaks chat protocol v1, for integration tests.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

namespace opinia::testing {

class chat_client {
public:
    // Connects to ws://127.0.0.1:port/ws; `origin` is sent as the Origin header when not empty.
    explicit chat_client(unsigned short port, const std::string& origin = "");
    ~chat_client();

    void send(const nlohmann::json& message);
    void send_raw_text(const std::string& text);
    void send_binary(const std::string& bytes);
    // Writes only the header of a text frame announcing `length` bytes, and the first few of them,
    // as a client about to stream a huge frame would (case H11's 64 MiB frame, without the 64 MiB).
    void send_frame_header(std::uint64_t length);
    // Sends `text` as one message split into frames of at most `fragment_bytes` (continuation frames).
    void send_fragmented(const std::string& text, std::size_t fragment_bytes);

    // The next message; throws on timeout or when the socket closed.
    nlohmann::json receive(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    // Messages until one of type `type` (inclusive).
    std::vector<nlohmann::json> receive_until(const std::string& type,
                                              std::chrono::milliseconds timeout = std::chrono::seconds(5));
    // The close code once the server closed the socket, or nothing if it stays open for `timeout`.
    std::optional<int> wait_closed(std::chrono::milliseconds timeout = std::chrono::seconds(5));

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

// The HTTP status the server answers a WebSocket upgrade with (101 when it upgrades).
int upgrade_status(unsigned short port, const std::string& origin);

}  // namespace opinia::testing
