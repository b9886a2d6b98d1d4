using System.Runtime.InteropServices;

namespace Trellis.Dns.Server;

/// <summary>
/// A fixed set of datagram slots in native memory for Linux's <c>recvmmsg</c>/<c>sendmmsg</c>: one system call moves
/// up to <see cref="Capacity"/> datagrams. Each slot has a receive buffer, a send buffer and the peer's address; an
/// answer goes back to the address its query came from.
/// </summary>
/// <remarks>
/// Used by one thread at a time. The layouts are those of 64-bit Linux (x86-64 and arm64 share them); callers check
/// <see cref="IsSupported"/> first. Dispose frees the native memory.
/// </remarks>
internal sealed unsafe class LinuxDatagramBatch : IDisposable
{
    public const int MaxDatagram = 65535;
    private const int AddressSize = 128; // sizeof(struct sockaddr_storage)
    private const int MsgWaitForOne = 0x10000;
    private const int MsgDontWait = 0x40;
    private const short PollIn = 0x1;
    private const int EAgain = 11;
    private const int EIntr = 4;

    private readonly int _capacity;
    private readonly MessageHeader* _receive;
    private readonly MessageHeader* _send;
    private readonly IoVector* _receiveVectors;
    private readonly IoVector* _sendVectors;
    private readonly byte* _receiveBuffers;
    private readonly byte* _sendBuffers;
    private readonly byte* _addresses;
    private int _pendingSends;
    private bool _disposed;

    public LinuxDatagramBatch(int capacity)
    {
        _capacity = capacity;
        _receive = (MessageHeader*)NativeMemory.AllocZeroed((nuint)(capacity * sizeof(MessageHeader)));
        _send = (MessageHeader*)NativeMemory.AllocZeroed((nuint)(capacity * sizeof(MessageHeader)));
        _receiveVectors = (IoVector*)NativeMemory.AllocZeroed((nuint)(capacity * sizeof(IoVector)));
        _sendVectors = (IoVector*)NativeMemory.AllocZeroed((nuint)(capacity * sizeof(IoVector)));
        _receiveBuffers = (byte*)NativeMemory.Alloc((nuint)capacity * MaxDatagram);
        _sendBuffers = (byte*)NativeMemory.Alloc((nuint)capacity * MaxDatagram);
        _addresses = (byte*)NativeMemory.AllocZeroed((nuint)(capacity * AddressSize));
        for (var i = 0; i < capacity; i++)
        {
            _receiveVectors[i] = new IoVector { Base = _receiveBuffers + ((long)i * MaxDatagram), Length = MaxDatagram };
            _sendVectors[i] = new IoVector { Base = _sendBuffers + ((long)i * MaxDatagram), Length = 0 };
        }
    }

    /// <summary>True where the native layouts above hold: 64-bit Linux.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    public int Capacity => _capacity;

    /// <summary>Datagrams queued by <see cref="QueueAnswer"/> and not yet sent.</summary>
    public int PendingSends => _pendingSends;

    /// <summary>
    /// Receives up to <see cref="Capacity"/> datagrams: waits for the first (at most <paramref name="waitMilliseconds"/>)
    /// and takes whatever else is already queued. Returns how many arrived (0 on timeout or interruption), or -errno
    /// for any other failure.
    /// </summary>
    public int Receive(int fd, int waitMilliseconds)
    {
        for (var i = 0; i < _capacity; i++)
        {
            ref var header = ref _receive[i];
            header.Header.Name = _addresses + ((long)i * AddressSize);
            header.Header.NameLength = AddressSize;
            header.Header.Vectors = _receiveVectors + i;
            header.Header.VectorCount = 1;
            header.Header.Control = null;
            header.Header.ControlLength = 0;
            header.Header.Flags = 0;
            header.Length = 0;
        }

        // MSG_WAITFORONE blocks for the first datagram only when the descriptor is blocking; .NET may have made it
        // non-blocking, so an empty queue is waited out with poll() rather than assumed to block.
        var received = RecvMMsg(fd, _receive, (uint)_capacity, MsgWaitForOne, null);
        if (received >= 0)
        {
            return received;
        }

        var error = Marshal.GetLastPInvokeError();
        if (error == EIntr)
        {
            return 0;
        }

        if (error != EAgain)
        {
            return -error;
        }

        var poll = new PollDescriptor { Fd = fd, Events = PollIn };
        var ready = Poll(&poll, 1, waitMilliseconds);
        if (ready <= 0)
        {
            var pollError = ready < 0 ? Marshal.GetLastPInvokeError() : 0;
            return ready == 0 || pollError == EIntr ? 0 : -pollError;
        }

        received = RecvMMsg(fd, _receive, (uint)_capacity, MsgDontWait, null);
        if (received >= 0)
        {
            return received;
        }

        error = Marshal.GetLastPInvokeError();
        return error is EAgain or EIntr ? 0 : -error;
    }

    /// <summary>The bytes of received datagram <paramref name="slot"/>.</summary>
    public ReadOnlySpan<byte> Datagram(int slot) =>
        new(_receiveBuffers + ((long)slot * MaxDatagram), (int)Math.Min(_receive[slot].Length, (uint)MaxDatagram));

    /// <summary>The sender of received datagram <paramref name="slot"/>, as a socket address.</summary>
    public ReadOnlySpan<byte> SenderAddress(int slot) =>
        new(_addresses + ((long)slot * AddressSize), (int)Math.Min(_receive[slot].Header.NameLength, (uint)AddressSize));

    /// <summary>Queues <paramref name="answer"/> for the sender of received datagram <paramref name="slot"/>.</summary>
    public void QueueAnswer(int slot, ReadOnlySpan<byte> answer)
    {
        var index = _pendingSends++;
        var vector = _sendVectors + index;
        answer.CopyTo(new Span<byte>(vector->Base, MaxDatagram));
        vector->Length = (nuint)answer.Length;
        ref var header = ref _send[index];
        header.Header.Name = _addresses + ((long)slot * AddressSize);
        header.Header.NameLength = _receive[slot].Header.NameLength;
        header.Header.Vectors = vector;
        header.Header.VectorCount = 1;
        header.Header.Control = null;
        header.Header.ControlLength = 0;
        header.Header.Flags = 0;
        header.Length = 0;
    }

    /// <summary>
    /// Sends every queued answer (several calls if the kernel takes fewer at once). A datagram the kernel refuses is
    /// dropped, as a failed single send would be. Returns the first error seen (-errno), or 0.
    /// </summary>
    public int SendQueued(int fd)
    {
        var firstError = 0;
        var sent = 0;
        while (sent < _pendingSends)
        {
            var result = SendMMsg(fd, _send + sent, (uint)(_pendingSends - sent), 0);
            if (result > 0)
            {
                sent += result;
                continue;
            }

            var error = Marshal.GetLastPInvokeError();
            if (error == EIntr)
            {
                continue;
            }

            // The message at `sent` failed (unreachable peer, no buffer space…): skip it and go on with the rest.
            if (firstError == 0)
            {
                firstError = -error;
            }

            sent++;
        }

        _pendingSends = 0;
        return firstError;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NativeMemory.Free(_receive);
        NativeMemory.Free(_send);
        NativeMemory.Free(_receiveVectors);
        NativeMemory.Free(_sendVectors);
        NativeMemory.Free(_receiveBuffers);
        NativeMemory.Free(_sendBuffers);
        NativeMemory.Free(_addresses);
    }

    [DllImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    private static extern int RecvMMsg(int fd, MessageHeader* messages, uint count, int flags, void* timeout);

    [DllImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    private static extern int SendMMsg(int fd, MessageHeader* messages, uint count, int flags);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll(PollDescriptor* descriptors, nuint count, int timeoutMilliseconds);

    // struct iovec
    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector
    {
        public void* Base;
        public nuint Length;
    }

    // struct msghdr (64-bit Linux: 56 bytes)
    [StructLayout(LayoutKind.Sequential)]
    private struct SocketMessage
    {
        public void* Name;
        public uint NameLength;
        public IoVector* Vectors;
        public nuint VectorCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    // struct mmsghdr (64-bit Linux: 64 bytes)
    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader
    {
        public SocketMessage Header;
        public uint Length;
    }

    // struct pollfd
    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }
}
