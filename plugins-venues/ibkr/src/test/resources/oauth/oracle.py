# An independent computation of IBKR's first-party OAuth 1.0a values (Python standard library only), following the
# algorithm of IBKR's "OAuth 1.0a Extended" reference and its published Python client code; IbkrOAuthTest compares
# the Java implementation with what this prints. Run: python3 oracle.py
import base64, hashlib, hmac
from urllib.parse import quote_plus

prime = int(open(__file__.replace('oracle.py', 'dh-prime.hex')).read().strip(), 16)
g = 2
a = int('6b1c2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbccddeeff', 16)  # the client's secret
b = int('0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0', 16)  # the server's secret
prepend = 'a3f5c2d19e8b7a60514f2e3d4c5b6a79'
consumer = 'TESTCONS1'

def to_byte_array(x):
    h = hex(x)[2:]
    if len(h) % 2:
        h = '0' + h
    out = [0] if len(bin(x)[2:]) % 8 == 0 else []
    return bytes(out + [int(h[i:i + 2], 16) for i in range(0, len(h), 2)])

challenge = pow(g, a, prime)
response = pow(g, b, prime)
k = pow(response, a, prime)
lst = base64.b64encode(hmac.new(to_byte_array(k), bytes.fromhex(prepend), hashlib.sha1).digest()).decode()
sig = hmac.new(base64.b64decode(lst), consumer.encode(), hashlib.sha1).hexdigest()
params = {'oauth_consumer_key': consumer, 'oauth_nonce': 'n0nce1234', 'oauth_signature_method': 'HMAC-SHA256',
          'oauth_timestamp': '1733063400', 'oauth_token': 'abc123token', 'conids': '265598,272093', 'fields': '84,86'}
base = '&'.join(['GET', quote_plus('https://api.ibkr.com/v1/api/iserver/marketdata/snapshot'),
                 quote_plus('&'.join(f'{k}={v}' for k, v in sorted(params.items())))])
request_sig = base64.b64encode(hmac.new(base64.b64decode(lst), base.encode(), hashlib.sha256).digest()).decode()
print('challenge', hex(challenge)[2:])
print('response', hex(response)[2:])
print('lst', lst)
print('signature', sig)
print('base', base)
print('request', request_sig)
