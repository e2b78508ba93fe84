using System.Net;

namespace Tessera.Dimse.Services;

/// <summary>Who is on the other end of an association: the AE titles of the A-ASSOCIATE-RQ and the peer's address.</summary>
public sealed record AssociationInfo(string CallingAETitle, string CalledAETitle, EndPoint? RemoteEndPoint);
