"""Appends a USER token of each line's user to lines "code user lockId", for the redeem run.

Tokens are HS256 JWTs signed with the development secret, as the service's own token endpoint
issues them (issuer, audience and roles claims); only the holder may redeem, so each redemption
needs its user's token. Usage: mint-tokens.py SECRET < locks > locks-with-tokens
"""
import base64
import hashlib
import hmac
import json
import sys
import time


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(secret: bytes, user: str, now: int) -> str:
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    claims = b64(json.dumps({"iss": "coupon-book-service", "aud": ["coupon-book-api"], "sub": user,
                             "iat": now, "nbf": now, "exp": now + 3600, "roles": ["USER"]},
                            separators=(",", ":")).encode())
    signature = hmac.new(secret, f"{header}.{claims}".encode(), hashlib.sha256).digest()
    return f"{header}.{claims}.{b64(signature)}"


def main() -> None:
    secret = sys.argv[1].encode()
    now = int(time.time())
    for line in sys.stdin:
        fields = line.split()
        if len(fields) == 3:
            print(" ".join(fields + [token(secret, fields[1], now)]))


if __name__ == "__main__":
    main()
