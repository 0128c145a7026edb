// api_error: a request the API refuses — its HTTP status, a stable code, and a message naming the problem.
#pragma once
#include <stdexcept>
#include <string>
#include <boost/beast/http/status.hpp>

namespace opinia::server {

// Thrown by route handlers; http_router turns it into {"error":{"code","message"}} with `status`.
class api_error : public std::runtime_error {
public:
    api_error(boost::beast::http::status status, std::string code, const std::string& message)
        : std::runtime_error(message), status_(status), code_(std::move(code)) {}
    boost::beast::http::status status() const { return status_; }
    const std::string& code() const { return code_; }

private:
    boost::beast::http::status status_;
    std::string code_;
};

}  // namespace opinia::server
