package io.sfintegration.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A lean HTTP/1.1 client for load generation: one keep-alive connection, pre-built request bytes written in one
 * go, the response read by its Content-Length (or chunks) and thrown away. Not thread-safe: one per client thread.
 * It exists because java.net.http.HttpClient spends more CPU per request than the server it measures, which on a
 * 2-core machine makes a benchmark measure the client.
 */
final class KeepAliveHttpClient implements AutoCloseable {

    private final InetSocketAddress address;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] line = new byte[8192];
    private final byte[] sink = new byte[16384];

    KeepAliveHttpClient(int port) {
        this.address = new InetSocketAddress("127.0.0.1", port);
    }

    /** A request as bytes: request line, Host, the given header lines ("Name: value"), Content-Length when there is a body. */
    static byte[] request(String method, String target, int port, String body, String... headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + content.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(content, 0, all, h.length, content.length);
        return all;
    }

    /** Sends the request and reads the whole response; returns its status code. Reconnects when the server closed the connection. */
    int send(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        out.write(request);
        out.flush();
        String status = readLine();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String header;
        while (!(header = readLine()).isEmpty()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        if (chunked) {
            long size;
            while ((size = Long.parseLong(readLine().trim(), 16)) > 0) {
                skip(size);
                readLine();
            }
            readLine();
        } else if (length > 0) {
            skip(length);
        } else if (length < 0 && code >= 200 && code != 204 && code != 304) {
            close = true; // body runs to the end of the connection
            while (in.read(sink) >= 0) {
                // drain
            }
        }
        if (close) {
            close();
        }
        return code;
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 5000);
        in = new BufferedInputStream(socket.getInputStream(), 16384);
        out = socket.getOutputStream();
    }

    private String readLine() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b == '\n') {
                break;
            }
            if (b != '\r' && n < line.length) {
                line[n++] = (byte) b;
            }
        }
        return new String(line, 0, n, StandardCharsets.ISO_8859_1);
    }

    private void skip(long length) throws IOException {
        long left = length;
        while (left > 0) {
            int r = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (r < 0) {
                throw new EOFException("connection closed in the middle of a body");
            }
            left -= r;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
